package dev.brook.bench;

import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * End to end over loopback: one whole reply ({@link BenchStreams#textAndTool(int)}: 20,000 text deltas,
 * pings, a 2 KB tool input) per operation, from sending the request to the checked final message, for
 * each {@link Contenders contender} against the same server and the same bytes.
 *
 * <p>The server is the test kit's {@link FakeMessagesServer}, one per trial, answering every request
 * with {@code ScriptedResponse.sse(bytes)}: the whole stream as one pre-built HTTP chunk written by the
 * connection's thread, so the server does no per-event work and the client side is what is measured.
 * It speaks what the contender speaks ({@link Contenders#server(String)}): HTTP/1.1, or HTTP/2 (its
 * Netty mode, the chunk cut into DATA frames under the client's flow control), in cleartext or over
 * TLS with the test kit's self-signed certificate.
 *
 * <p>{@code events} (an {@link AuxCounters} rate) is SSE events per second; {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} divided by {@link #EVENTS} is bytes allocated per event (all threads,
 * client and server; the server allocates a few KB per request).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {
    static final int DELTAS = 20_000;
    static final byte[] STREAM = BenchStreams.textAndTool(DELTAS);
    /** SSE events in {@link #STREAM}. */
    static final int EVENTS = BenchStreams.countEvents(STREAM);

    @Param({"raw-httpurlconnection", "raw-socket", "raw-okhttp-h2c", "brook-jdk-sync", "brook-jdk-async",
            "brook-okhttp-sync", "brook-okhttp-async", "brook-apache-classic-sync", "brook-apache-classic-async",
            "brook-apache-async-sync", "brook-apache-async-async", "brook-vertx-sync", "brook-vertx-async",
            "brook-jdk-tls-sync", "brook-jdk-h2-sync", "brook-jdk-h2-async", "brook-okhttp-h2c-sync",
            "brook-okhttp-h2c-async", "brook-apache-async-h2c-sync", "brook-apache-async-h2c-async",
            "brook-vertx-h2c-sync", "brook-vertx-h2c-async", "anthropic-java-okhttp", "langchain4j-anthropic"})
    public String contender;

    private FakeMessagesServer server;
    private Contenders.Contender client;
    private final Runnable onDelta = () -> { };

    /** Events and bytes streamed, reported by JMH per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long events;
        public long bytes;

        @Setup(Level.Iteration)
        public void reset() {
            events = 0;
            bytes = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = Contenders.server(contender).start();
        server.respondAlways(ScriptedResponse.sse(STREAM));
        client = Contenders.create(contender, server.baseUri(), BenchStreams.expected(DELTAS), STREAM.length);
        client.run(onDelta); // fails the trial at once if the result is wrong
        // And if the contender did not speak what its name says (a client that fell back to HTTP/1.1).
        String answered = server.takeRequest(Duration.ofSeconds(5)).map(RecordedRequest::protocol).orElse("no request");
        String expected = Contenders.wire(contender).protocol;
        if (!answered.equals(expected)) {
            throw new IllegalStateException(contender + " was answered over " + answered + ", expected " + expected);
        }
        System.out.println("\n[e2e] " + contender + ": " + EVENTS + " events, " + STREAM.length + " bytes per stream");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        client.close();
        Contenders.closeUserClients();
        server.close();
    }

    @Benchmark
    public void stream(Counters counters) throws Exception {
        client.run(onDelta);
        counters.events += EVENTS;
        counters.bytes += STREAM.length;
    }
}
