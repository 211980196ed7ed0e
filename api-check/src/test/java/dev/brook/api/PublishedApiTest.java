package dev.brook.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every published module's public API against its committed dump in {@code api/<artifactId>.api}: a
 * change to the contract must update the dump in the same commit, so review sees it. To accept a
 * change, run {@code mvn -B verify -pl api-check -am -Dtest=PublishedApiTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbrook.api.update=true} and commit the rewritten files.
 */
class PublishedApiTest {

    static Stream<Arguments> modules() {
        return Stream.of(
                Arguments.of("brook-core", Brook.class),
                Arguments.of("brook-transport-jdk", JdkTransport.class),
                Arguments.of("brook-transport-okhttp", OkHttpTransport.class),
                Arguments.of("brook-transport-apache", ApacheTransport.class),
                Arguments.of("brook-transport-vertx", VertxTransport.class),
                Arguments.of("brook-bedrock", BedrockBackend.class),
                Arguments.of("brook-vertex", VertexBackend.class),
                Arguments.of("brook-foundry", FoundryBackend.class),
                Arguments.of("brook-testkit", FakeMessagesServer.class),
                Arguments.of("brook-sdk-tests", BrookConformanceKit.class),
                Arguments.of("brook-micrometer", MicrometerCallListener.class),
                Arguments.of("brook-opentelemetry", OpenTelemetryCallListener.class),
                Arguments.of("brook-reactor", BrookReactor.class),
                Arguments.of("brook-kotlin", BrookCoroutines.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modules")
    void thePublicApiIsTheCommittedOne(String artifactId, Class<?> anchor) throws IOException {
        String dir = System.getProperty("brook.api.dir");
        assertThat(dir).as("the build passes -Dbrook.api.dir (the root pom's surefire configuration)").isNotBlank();
        Path dump = Path.of(dir, artifactId + ".api");
        String actual = ApiListing.of(anchor);
        if (Boolean.getBoolean("brook.api.update")) {
            Files.createDirectories(dump.getParent());
            Files.writeString(dump, actual, StandardCharsets.UTF_8);
        }
        assertThat(dump).as("the committed API dump of %s (create it with -Dbrook.api.update=true)", artifactId)
                .exists();
        assertThat(actual)
                .as("the public API of %s differs from %s: if the change is meant, rerun with"
                        + " -Dbrook.api.update=true and commit the dump with it", artifactId, dump)
                .isEqualTo(Files.readString(dump, StandardCharsets.UTF_8));
    }
}
