package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.error.BrookException;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Thousands of async streams whose subscribers request, cancel and time out from other threads at random
 * moments: every stream ends with its message or a typed {@link BrookException} (or, when its subscriber
 * cancelled, nothing more), never with a bug's exception and never not at all. This is what proves the
 * async engine publishes its state safely between the transport's threads, the subscriber's and the
 * clock's.
 */
public interface AsyncStressSuite extends TransportSuite {
    /** How many streams the stress test runs. */
    int STREAMS = 2_000;
    /** How many of them are open at once, at most. */
    int AT_ONCE = 64;

    /**
     * {@value #STREAMS} async streams, {@value #AT_ONCE} at a time, whose subscribers request, cancel and
     * time out from other threads at random moments: each ends with its message, a typed
     * {@code BrookException} or (cancelled) nothing more.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void thousandsOfAsyncStreamsRequestedCancelledAndTimedOutAtRandomEndTyped() throws Exception {
        byte[] fixture = ConformanceData.read("fixtures/tool-use.sse");
        Random random = new Random(14);
        ExecutorService others = Executors.newFixedThreadPool(4, new DaemonThreads("tck-stress"));
        ScheduledExecutorService later = Executors.newScheduledThreadPool(2, new DaemonThreads("tck-stress-timer"));
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        List<String> wrong = new ArrayList<>();
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofMillis(300)).build()) {
            server.setDefaultResponse(ScriptedResponse.sseInChunks(fixture, 97, Duration.ZERO));
            for (int i = 0; i < STREAMS / 8; i++) {
                // Some stall until the idle timeout ends them; the rest are whole streams, in chunks.
                server.enqueue(i % 2 == 0 ? Tck.stalledAfterHead() : ScriptedResponse.sseInChunks(fixture, 13, Duration.ZERO));
            }
            Semaphore open = new Semaphore(AT_ONCE);
            List<CompletableFuture<Void>> ends = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                open.acquire();
                int mode = random.nextInt(4);
                long cancelAfterMicros = random.nextInt(3_000);
                int batch = 1 + random.nextInt(4);
                AsyncMessageStream stream = brook.messages().streamAsync(Tck.request());
                RandomSubscriber subscriber = new RandomSubscriber(others, batch);
                stream.events().subscribe(subscriber);
                if (mode == 0) {
                    later.schedule(subscriber::cancel, cancelAfterMicros, TimeUnit.MICROSECONDS);
                } else if (mode == 1) {
                    later.schedule(stream::cancel, cancelAfterMicros, TimeUnit.MICROSECONDS);
                }
                CompletableFuture<Void> end = stream.finalMessage().handle((message, error) -> {
                    String outcome = classify(message, error, subscriber.cancelled() || mode == 1);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
                    if (outcome.startsWith("WRONG")) {
                        synchronized (wrong) {
                            wrong.add(outcome);
                        }
                    }
                    open.release();
                    return null;
                });
                ends.add(end);
            }
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        } finally {
            others.shutdownNow();
            later.shutdownNow();
        }
        System.out.printf("[async stress] %s: %s%n", getClass().getSimpleName(), outcomes);
        assertThat(wrong).as("streams that ended with something other than their message or a typed error")
                .isEmpty();
        assertThat(outcomes.keySet()).as("outcomes seen").contains("message");
    }

    private static String classify(Message message, Throwable error, boolean cancelled) {
        if (error == null) {
            return message != null ? "message" : "WRONG: completed with null";
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof BrookException) {
            return cause.getClass().getSimpleName();
        }
        if (cause instanceof CancellationException && cancelled) {
            return "cancelled";
        }
        return "WRONG: " + cause;
    }
}
