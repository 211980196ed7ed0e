package dev.brook.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.brook.bedrock.BedrockBackend;
import dev.brook.core.client.Brook;
import dev.brook.foundry.FoundryBackend;
import dev.brook.kotlin.BrookCoroutines;
import dev.brook.micrometer.MicrometerCallListener;
import dev.brook.opentelemetry.OpenTelemetryCallListener;
import dev.brook.reactor.BrookReactor;
import dev.brook.tck.BrookConformanceKit;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.transport.apache.ApacheTransport;
import dev.brook.transport.jdk.JdkTransport;
import dev.brook.transport.okhttp.OkHttpTransport;
import dev.brook.transport.vertx.VertxTransport;
import dev.brook.vertex.VertexBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every published module's artifacts carry the repository's LICENSE as {@code META-INF/LICENSE}. The CLI
 * depends on all of them (the kit for its tests), so they are on this class path: under {@code mvn verify}
 * as the jars their package phase made, beside which it wrote the sources and javadoc jars, which are
 * checked too; under {@code mvn test} or in an IDE as their {@code target/classes}.
 */
class PublishedArtifactsTest {

    /** One class from each published jar module, to find where that module's artifact is. */
    private static final List<Class<?>> PUBLISHED = List.of(Brook.class, JdkTransport.class, OkHttpTransport.class,
            ApacheTransport.class, VertxTransport.class, BedrockBackend.class, VertexBackend.class, FoundryBackend.class,
            FakeMessagesServer.class, BrookConformanceKit.class,
            MicrometerCallListener.class, OpenTelemetryCallListener.class, BrookReactor.class, BrookCoroutines.class);

    @TestFactory
    Stream<DynamicTest> everyPublishedArtifactCarriesTheLicense() throws IOException {
        Path license = Path.of(System.getProperty("brook.license"));
        String expected = Files.readString(license);
        Path repository = license.getParent();
        return PUBLISHED.stream().flatMap(type -> {
            Path location = location(type);
            assumeTrue(location.startsWith(repository), () -> type.getName() + " comes from " + location
                    + ", not from this build (was the module built in this reactor?)");
            if (Files.isDirectory(location)) {
                return Stream.of(dynamicTest(location.toString(),
                        () -> assertThat(Files.readString(location.resolve("META-INF/LICENSE"))).isEqualTo(expected)));
            }
            String jar = location.getFileName().toString();
            String base = jar.substring(0, jar.length() - ".jar".length());
            return Stream.of(jar, base + "-sources.jar", base + "-javadoc.jar").map(name -> dynamicTest(name,
                    () -> assertThat(licenseIn(location.resolveSibling(name))).isEqualTo(expected)));
        });
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String licenseIn(Path jarFile) throws IOException {
        assertThat(jarFile).exists();
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            JarEntry entry = jar.getJarEntry("META-INF/LICENSE");
            assertThat(entry).as("META-INF/LICENSE in %s", jarFile).isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
