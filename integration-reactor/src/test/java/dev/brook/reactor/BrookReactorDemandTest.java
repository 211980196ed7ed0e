package dev.brook.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.event.StreamEvent;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

class BrookReactorDemandTest {
    private static final int MIB = 1024 * 1024;

    @Test
    void oneAtATimeSubscriberReadsTwoHundredMegabytesInBoundedHeap() throws Exception {
        // 200 events of 1 MiB each, of an unknown kind so nothing accumulates: only read-ahead between the
        // socket and the subscriber could grow the heap.
        StringBuilder event = new StringBuilder(MIB + 100).append("event: bulk\ndata: {\"type\":\"bulk\",\"pad\":\"");
        while (event.length() < MIB - 8) {
            event.append("abcdefghijklmnopqrstuvwxyz012345");
        }
        byte[] chunk = event.append("\"}\n\n").toString().getBytes(StandardCharsets.UTF_8);
        int events = 200;
        ScriptedResponse.Builder script = Fake.headThen();
        for (int i = 0; i < events; i++) {
            script.chunk(chunk, Duration.ZERO); // the same array each time: the server holds 1 MiB
        }
        script.chunk(Fake.TAIL.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        ScheduledExecutorService slow = Executors.newSingleThreadScheduledExecutor();
        try (Fake fake = new Fake()) {
            fake.server.enqueue(script.build());
            long baseline = usedHeapAfterGc();
            long[] peak = {baseline};
            AtomicInteger bulk = new AtomicInteger();
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            fake.reactor.events(Fake.REQUEST).subscribe(new BaseSubscriber<StreamEvent>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    request(1);
                }

                @Override
                protected void hookOnNext(StreamEvent item) {
                    boolean measure = item.type().equals("bulk") && bulk.incrementAndGet() % 10 == 0;
                    // The next request comes later from another thread: the transport's thread is not held
                    // here, so only honoured demand keeps it from reading ahead. At 20 ms an event the
                    // subscriber is slower than the socket: with an onBackpressureBuffer() added in
                    // BrookReactor this test saw the heap grow by 295 MB.
                    slow.schedule(() -> {
                        if (measure) {
                            peak[0] = Math.max(peak[0], usedHeapAfterGc());
                        }
                        request(1);
                    }, 20, TimeUnit.MILLISECONDS);
                }

                @Override
                protected void hookOnError(Throwable t) {
                    outcome.complete(t);
                }

                @Override
                protected void hookOnComplete() {
                    outcome.complete("complete");
                }
            });
            assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo("complete");
            assertThat(bulk.get()).isEqualTo(events);
            long grew = peak[0] - baseline;
            assertThat(grew).as("heap growth over the baseline while reading 200 MiB one event at a time: %d bytes", grew)
                    .isLessThan(64L * MIB);
        } finally {
            slow.shutdownNow();
        }
    }

    private static long usedHeapAfterGc() {
        // Through Runtime: the tests run inside module brook.reactor, which does not read java.management.
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
