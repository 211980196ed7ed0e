package dev.brook.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The public API of one published module as text: every public type outside {@code .internal}
 * packages, with its public and protected members in their generic signatures, one per line and
 * sorted, so that a change to the contract shows as a diff of that text. Classes are loaded without
 * being initialised; synthetic and bridge members are left out (the compiler's, not ours).
 */
final class ApiListing {
    private ApiListing() {
    }

    /** The listing of the jar or classes directory that holds {@code anchor}. */
    static String of(Class<?> anchor) {
        Path root = location(anchor);
        List<String> classNames = Files.isDirectory(root) ? classNames(root) : classNamesInJar(root);
        StringBuilder out = new StringBuilder();
        for (String name : new TreeSet<>(classNames)) {
            Class<?> type = load(name, anchor.getClassLoader());
            if (isApi(type)) {
                out.append(describe(type)).append('\n');
                members(type).forEach(m -> out.append("  ").append(m).append('\n'));
            }
        }
        return out.toString();
    }

    private static boolean isApi(Class<?> type) {
        if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
                || type.getPackageName().contains(".internal")) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        int modifiers = type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT;
        if (!type.isInterface() && Modifier.isAbstract(type.getModifiers())) {
            modifiers |= Modifier.ABSTRACT;
        }
        StringBuilder line = new StringBuilder(Modifier.toString(modifiers));
        line.append(' ').append(kind).append(' ').append(type.getName());
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum()
                && !type.isRecord()) {
            line.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            line.append(type.isInterface() ? " extends " : " implements ").append(Arrays.stream(type.getGenericInterfaces())
                    .map(java.lang.reflect.Type::getTypeName).sorted().collect(Collectors.joining(", ")));
        }
        if (type.isSealed()) {
            line.append(" permits ").append(Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted()
                    .collect(Collectors.joining(", ")));
        }
        return line.toString();
    }

    private static List<String> members(Class<?> type) {
        TreeSet<String> lines = new TreeSet<>();
        String prefix = type.getName() + ".";
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                lines.add(c.toGenericString().replace(type.getName() + "(", "<init>("));
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                lines.add(m.toGenericString().replace(prefix, ""));
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                lines.add(f.toGenericString().replace(prefix, ""));
            }
        }
        return new ArrayList<>(lines);
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("listed but not loadable: " + name, e);
        }
    }

    private static Path location(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> classNames(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> toClassName(root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/")))
                    .filter(n -> !n.endsWith("module-info") && !n.endsWith("package-info"))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> classNamesInJar(Path jar) {
        try (FileSystem fs = FileSystems.newFileSystem(jar, Map.of())) {
            return classNames(fs.getPath("/")).stream().map(n -> n.startsWith(".") ? n.substring(1) : n)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String toClassName(String relativePath) {
        String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
