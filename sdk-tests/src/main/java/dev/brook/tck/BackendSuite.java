package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.Message;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The stream fixtures and the error paths through every backend of {@link #kitBackends()} on the
 * transport under test: each backend must give the same final messages, the same error kinds and the
 * same snapshots as the direct API, while its kit server checks every request as the real endpoint does
 * (signature, token, path, body shape), retries included.
 */
public interface BackendSuite extends TransportSuite {

    /**
     * The backends to run. Default: the direct API only; the in-repo tests add Bedrock, Vertex AI and
     * Foundry (their descriptions are in {@code sdk-tests/src/test}).
     *
     * @return the backends, each with its kit server's checks
     */
    default List<KitBackend> kitBackends() {
        return List.of(KitBackend.direct());
    }

    /**
     * Every fixture through every backend: sync served whole, sync in 7-byte pieces, and async one event
     * of demand at a time; each gives the manifest's outcome and text.
     *
     * @return one container per backend, one test per fixture and way of reading it
     */
    @TestFactory
    default Stream<DynamicNode> everyFixtureThroughEveryBackend() {
        List<Fixture> fixtures = ConformanceData.fixtures();
        return kitBackends().stream().map(kit -> {
            FakeMessagesServer server = kit.newServer(this);
            Transport transport = newTransport();
            Brook brook = client(kit, transport, server, 0);
            return DynamicContainer.dynamicContainer(kit.name(), fixtures.stream()
                    .flatMap(f -> Stream.of(
                            DynamicTest.dynamicTest(f.name() + " (whole)", () -> {
                                server.enqueue(kit.stream(f.stream(), 0));
                                FixtureOutcomes.sync(brook, f);
                            }),
                            DynamicTest.dynamicTest(f.name() + " (7-byte pieces)", () -> {
                                server.enqueue(kit.stream(f.stream(), 7));
                                FixtureOutcomes.sync(brook, f);
                            }),
                            DynamicTest.dynamicTest(f.name() + " (async publisher)", () -> {
                                server.enqueue(kit.stream(f.stream(), 0));
                                FixtureOutcomes.publisher(brook, f);
                            })))
                    .onClose(() -> close(brook, transport, server)));
        });
    }

    /**
     * Through every backend: two retryable statuses (429, then 503) before the stream are retried,
     * each attempt prepared afresh and passing the endpoint's check, sync and async; a 400 is not retried
     * and carries the endpoint's message.
     *
     * @return one test per backend and case
     */
    @TestFactory
    default Stream<DynamicNode> errorStatusesThroughEveryBackend() {
        return kitBackends().stream().map(kit -> DynamicContainer.dynamicContainer(kit.name(), Stream.of(
                DynamicTest.dynamicTest("retried twice, then streamed (sync)", () -> withClient(kit, 2, (server, brook) -> {
                    server.enqueue(quick(kit.error(429, "slow down")));
                    server.enqueue(quick(kit.error(503, "try again")));
                    server.enqueue(kit.stream(reply(), 0));
                    try (MessageStream stream = brook.messages().stream(Tck.request())) {
                        assertThat(stream.finalMessage().text()).isEqualTo("first");
                    }
                    assertThat(server.requestCount()).isEqualTo(3);
                })),
                DynamicTest.dynamicTest("retried twice, then streamed (async)", () -> withClient(kit, 2, (server, brook) -> {
                    server.enqueue(quick(kit.error(429, "slow down")));
                    server.enqueue(quick(kit.error(503, "try again")));
                    server.enqueue(kit.stream(reply(), 0));
                    AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() { });
                    Message message = stream.finalMessage().get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    assertThat(message.text()).isEqualTo("first");
                    assertThat(server.requestCount()).isEqualTo(3);
                })),
                DynamicTest.dynamicTest("400 is not retried", () -> withClient(kit, 2, (server, brook) -> {
                    server.enqueue(kit.error(400, "max_tokens is too large"));
                    Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()).close());
                    assertThat(thrown).isInstanceOf(BadRequestException.class);
                    assertThat(((ApiException) thrown).errorMessage()).contains("max_tokens is too large");
                    assertThat(((ApiException) thrown).attempts()).isEqualTo(1);
                })))));
    }

    /**
     * Through every backend with credentials that expire: the endpoint's refusal of expired credentials is
     * the API error it is (401 or 403), not retried, and names no secret.
     *
     * @return one test per backend that has such credentials
     */
    @TestFactory
    default Stream<DynamicTest> expiredCredentialsAreRefusedAndNotRetried() {
        return kitBackends().stream().flatMap(kit -> {
            FakeMessagesServer probe = null;
            try {
                probe = kit.newServer(this);
                if (kit.newBackendWithExpiredCredentials(probe.baseUri()).isEmpty()) {
                    return Stream.empty();
                }
            } finally {
                if (probe != null) {
                    probe.close();
                }
            }
            return Stream.of(DynamicTest.dynamicTest(kit.name(), () -> {
                try (FakeMessagesServer server = kit.newServer(this); Transport transport = newTransport();
                        Brook brook = Brook.builder().backend(kit.newBackendWithExpiredCredentials(server.baseUri()).orElseThrow())
                                .transport(transport).maxRetries(2).idleTimeout(Tck.TIMEOUT).build()) {
                    server.enqueue(kit.stream(reply(), 0));
                    Throwable thrown = catchThrowable(() -> brook.messages().stream(Tck.request()).close());
                    assertThat(thrown).isInstanceOf(ApiException.class);
                    assertThat(((ApiException) thrown).statusCode()).isIn(401, 403);
                    assertThat(((ApiException) thrown).attempts()).isEqualTo(1);
                    assertThat(server.requestCount()).isEqualTo(1);
                }
            }));
        });
    }

    /**
     * Through every backend whose framing has checksums: a corrupt frame after the first event ends the
     * stream with a protocol error carrying the snapshot, sync and async; nothing after it is delivered.
     *
     * @return one test per such backend and way of reading
     */
    @TestFactory
    default Stream<DynamicTest> corruptFramesEndTheStreamWithAProtocolError() {
        return kitBackends().stream().flatMap(kit -> kit.corruptStreams(reply()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .flatMap(corrupt -> Stream.of(
                        DynamicTest.dynamicTest(kit.name() + ": " + corrupt.getKey() + " (sync)",
                                () -> withClient(kit, 0, (server, brook) -> {
                                    server.enqueue(corrupt.getValue());
                                    StringBuilder text = new StringBuilder();
                                    try (MessageStream stream = brook.messages().stream(Tck.request())) {
                                        Throwable thrown = catchThrowable(() -> stream.textStream().forEach(text::append));
                                        assertThat(thrown).isInstanceOf(StreamProtocolException.class);
                                        assertThat(((StreamProtocolException) thrown).snapshot()).isPresent();
                                    }
                                    assertThat(text.toString()).as("nothing after the broken frame").isEmpty();
                                })),
                        DynamicTest.dynamicTest(kit.name() + ": " + corrupt.getKey() + " (async)",
                                () -> withClient(kit, 0, (server, brook) -> {
                                    server.enqueue(corrupt.getValue());
                                    Object outcome = FixtureOutcomes.futureOutcome(
                                            brook.messages().streamAsync(Tck.request(), new StreamListener() { }).finalMessage());
                                    assertThat(outcome).isInstanceOf(StreamProtocolException.class);
                                    assertThat(((StreamProtocolException) outcome).snapshot()).isPresent();
                                })))));
    }

    /** A whole reply whose text is {@code first}. */
    private static byte[] reply() {
        return (LatencySuite.HEAD + LatencySuite.TAIL).getBytes(StandardCharsets.UTF_8);
    }

    /** The error with a 10 ms {@code retry-after-ms}, so that the kit's retries take no backoff time. */
    private static ScriptedResponse quick(ScriptedResponse error) {
        return error.newBuilder().header("retry-after-ms", "10").build();
    }

    /** A client of {@code kit}'s backend on {@code server}, over {@code transport}, with short retry delays. */
    private static Brook client(KitBackend kit, Transport transport, FakeMessagesServer server, int maxRetries) {
        return Brook.builder()
                .backend(kit.newBackend(server.baseUri()))
                .transport(transport)
                .maxRetries(maxRetries)
                .idleTimeout(Tck.TIMEOUT)
                .build();
    }

    private void withClient(KitBackend kit, int maxRetries, KitCall call) throws Exception {
        try (FakeMessagesServer server = kit.newServer(this); Transport transport = newTransport();
                Brook brook = client(kit, transport, server, maxRetries)) {
            call.run(server, brook);
        }
    }

    private static void close(Brook brook, Transport transport, FakeMessagesServer server) {
        brook.close();
        transport.close();
        server.close();
    }

    /** One test's work with its server and client (the suite's own; not for implementations to call). */
    @FunctionalInterface
    interface KitCall {
        /**
         * Runs the test's work.
         *
         * @param server the kit server, checking requests as the backend's endpoint does
         * @param brook a client of the backend on that server
         * @throws Exception when the work fails: the test fails with it
         */
        void run(FakeMessagesServer server, Brook brook) throws Exception;
    }
}
