package dev.brook.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brook.core.client.Brook;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.transport.jdk.JdkTransport;
import dev.brook.transport.okhttp.OkHttpTransport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import kotlin.Unit;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's application, compiled and run in a JVM of its own against the built modules, streams a reply
 * from the testkit's server: on the module path, requiring {@code brook.transport.jdk} and nothing else
 * (which proves the module descriptors, their exports, and that {@code ServiceLoader} finds the
 * transport there), and on the class path. A second application, on the module path with the OkHttp
 * transport and not the JDK one, requires only {@code brook.transport.okhttp}: {@code ServiceLoader}
 * must find exactly the {@code okhttp} transport, which a module finds only through its descriptor's
 * {@code provides} (its {@code META-INF/services} file is for the class path), and Brook must pick it.
 */
class ConsumerCheckTest {
    private static final String REPLY = "Hello from a consumer of Brook";
    private static final String SSE = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-consumer-check\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + REPLY + "\"}}\n\n"
            + "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":6}}\n\n"
            + "event: message_stop\n"
            + "data: {\"type\":\"message_stop\"}\n\n";
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    private final FakeMessagesServer server = new FakeMessagesServer();

    @TempDir
    Path work;

    @BeforeEach
    void start() {
        server.start();
        server.enqueue(ScriptedResponse.sse(SSE));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anApplicationOnTheModulePathRequiringOnlyTheJdkTransportStreamsAReply() throws Exception {
        Path classes = compile(true);
        String modulePath = join(classes, brookAndJackson());
        String out = run(List.of("--module-path", modulePath, "-m", "brook.consumer/dev.brook.consumer.Main",
                server.baseUri().toString()));
        assertThat(out).contains(REPLY);
        assertUsedTheJdkTransport();
    }

    @Test
    void theSameApplicationOnTheClassPathStreamsAReply() throws Exception {
        Path classes = compile(false);
        String out = run(List.of("-cp", join(classes, brookAndJackson()), "dev.brook.consumer.Main",
                server.baseUri().toString()));
        assertThat(out).contains(REPLY);
        assertUsedTheJdkTransport();
    }

    @Test
    void anApplicationOnTheModulePathRequiringOnlyTheOkHttpTransportFindsIt() throws Exception {
        Path classes = compileModule("consumer-app-okhttp", "dev/brook/consumer/okhttp/Main.java", brookOkHttp());
        String out = run(List.of("--module-path", join(classes, brookOkHttp()),
                "-m", "brook.consumer.okhttp/dev.brook.consumer.okhttp.Main", server.baseUri().toString()));
        assertThat(out).contains("transports: [okhttp]").contains("picked: okhttp");
    }

    private void assertUsedTheJdkTransport() throws InterruptedException {
        RecordedRequest request = server.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(request.header("user-agent")).hasValueSatisfying(ua -> assertThat(ua).contains("jdk"));
    }

    /** An application's sources and its descriptor, compiled against the given modules on the module path. */
    private Path compileModule(String app, String main, List<Path> modules) throws IOException {
        Path src = work.resolve("src");
        copyResource(app + "/module-info.java", src.resolve("module-info.java"));
        copyResource(app + "/" + main, src.resolve(main));
        javac(List.of("-d", work.resolve("classes").toString(), "--release", "17", "--module-path", join(null, modules),
                src.resolve("module-info.java").toString(), src.resolve(main).toString()));
        return work.resolve("classes");
    }

    /** The application's sources, compiled against the built modules: with its descriptor or without. */
    private Path compile(boolean asModule) throws IOException {
        Path src = work.resolve("src");
        copyResource("consumer-app/dev/brook/consumer/Main.java", src.resolve("dev/brook/consumer/Main.java"));
        List<String> args = new ArrayList<>(List.of("-d", work.resolve("classes").toString(), "--release", "17"));
        if (asModule) {
            copyResource("consumer-app/module-info.java", src.resolve("module-info.java"));
            args.addAll(List.of("--module-path", join(null, brookAndJackson()), src.resolve("module-info.java").toString()));
        } else {
            args.addAll(List.of("-cp", join(null, brookAndJackson())));
        }
        args.add(src.resolve("dev/brook/consumer/Main.java").toString());
        javac(args);
        return work.resolve("classes");
    }

    private static void javac(List<String> args) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK, not a JRE, runs the tests").isNotNull();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(rc).as("javac: %s", errors.toString(StandardCharsets.UTF_8)).isZero();
    }

    private String run(List<String> javaArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        assertThat(process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("the application ended").isTrue();
        String out = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit status; output:%n%s", out).isZero();
        return out;
    }

    /** Where the built Brook modules and Jackson are: jars in a full build, class directories otherwise. */
    private static List<Path> brookAndJackson() {
        return Stream.of(Brook.class, JdkTransport.class, ObjectMapper.class, JsonFactory.class, JsonProperty.class)
                .map(ConsumerCheckTest::location).distinct().collect(Collectors.toList());
    }

    /**
     * Core, the OkHttp transport and what it needs (OkHttp's classes, Okio's and Kotlin's, found by a class
     * of each, so never the empty multiplatform {@code okhttp} and {@code okio} jars that Maven also
     * resolves), and Jackson: not the JDK transport.
     */
    private static List<Path> brookOkHttp() {
        return Stream.of(Brook.class, OkHttpTransport.class, OkHttpClient.class, Buffer.class, Unit.class,
                        ObjectMapper.class, JsonFactory.class, JsonProperty.class)
                .map(ConsumerCheckTest::location).distinct().collect(Collectors.toList());
    }

    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(Path first, List<Path> rest) {
        Stream<Path> all = first == null ? rest.stream() : Stream.concat(Stream.of(first), rest.stream());
        return all.map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private void copyResource(String name, Path target) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            Files.createDirectories(target.getParent());
            Files.copy(in, target);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
