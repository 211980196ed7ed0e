package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Closing a stream aborts the exchange: from another thread it wakes a blocked reader within a second,
 * the server sees the connection closed, and many early closes in a row leak no connection.
 */
public interface CancellationSuite extends TransportSuite {

    /**
     * Closing a stream from another thread wakes a reader blocked on a stalled body within a second, and the
     * server sees the connection closed; the snapshot keeps what arrived.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void closeFromAnotherThreadWakesABlockedReaderAndFreesTheConnection() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(Tck.stalledAfterHead());
            MessageStream stream = brook.messages().stream(Tck.request());
            Iterator<StreamEvent> events = stream.iterator();
            for (int i = 0; i < 3; i++) {
                assertThat(events.hasNext()).isTrue();
                events.next();
            }
            CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(events::hasNext);
            Thread.sleep(300); // let the reader block on the stalled body
            assertThat(reader).isNotDone();
            long closedAt = System.nanoTime();
            stream.close();
            assertThat(reader.get(1, TimeUnit.SECONDS)).as("the reader sees the end").isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - closedAt)).isLessThan(Duration.ofSeconds(1));
            assertThat(Tck.awaitReleased(protocol(), server, Duration.ofSeconds(2)))
                    .as("the server saw the connection closed").isTrue();
            assertThat(stream.snapshot()).hasValueSatisfying(m -> assertThat(m.text()).isEqualTo("first"));
        }
    }

    /**
     * A thousand streams closed after their first event leave no connection open and add at most a few
     * client threads.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void thousandStreamsClosedAfterTheirFirstEventLeakNoConnectionOrThread() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.respondAlways(Tck.stalledAfterHead());
            for (int i = 0; i < 20; i++) { // warm up: let the transport start its own threads
                try (MessageStream stream = brook.messages().stream(Tck.request())) {
                    stream.iterator().next();
                }
            }
            assertThat(Tck.awaitReleased(protocol(), server, Duration.ofSeconds(5))).isTrue();
            int threadsBefore = clientThreads();
            for (int i = 0; i < 1000; i++) {
                try (MessageStream stream = brook.messages().stream(Tck.request())) {
                    assertThat(stream.iterator().next().type()).isEqualTo("message_start");
                }
            }
            assertThat(server.requestCount()).isEqualTo(1020);
            assertThat(Tck.awaitReleased(protocol(), server, Duration.ofSeconds(5)))
                    .as("open connections after 1,000 early closes: %s", Tck.held(protocol(), server)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (clientThreads() > threadsBefore + 4 && System.nanoTime() < deadline) {
                Thread.sleep(50); // pools may take a moment to retire idle threads
            }
            assertThat(clientThreads()).as("client threads after 1,000 early closes (before: %d)", threadsBefore)
                    .isLessThanOrEqualTo(threadsBefore + 4);
        }
    }

    /**
     * A stream dropped without closing frees its connection once the garbage collector finds it unreachable.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void abandonedStreamIsReleasedWhenUnreachable() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(Tck.stalledAfterHead());
            openAndAbandon(brook);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Tck.held(protocol(), server) > 0 && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);
            }
            assertThat(Tck.held(protocol(), server)).as("connections left open by an abandoned stream").isZero();
        }
    }

    /** Live threads that are not the fake server's own. */
    private static int clientThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("brook-fake-server-"))
                .count();
    }

    private static void openAndAbandon(Brook brook) {
        MessageStream stream = brook.messages().stream(Tck.request());
        assertThat(stream.iterator().next().type()).isEqualTo("message_start");
    }
}
