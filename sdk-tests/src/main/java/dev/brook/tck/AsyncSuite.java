package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The asynchronous API: the same fixture outcomes through listeners, through the publisher (one event
 * at a time) and through the future; exactly one terminal callback; cancellation from the subscriber
 * and from another thread frees the connection; natively async transports hold hundreds of streams
 * without a thread each.
 */
public interface AsyncSuite extends TransportSuite {

    /**
     * Every fixture through a listener (on the I/O thread and on a callback executor), through the publisher
     * one event at a time, and through the future: each gives the manifest's outcome.
     *
     * @return one dynamic test per fixture and way of consuming it
     */
    @TestFactory
    default Stream<DynamicTest> everyFixtureThroughListenerPublisherAndFuture() {
        List<Fixture> fixtures = ConformanceData.fixtures();
        FakeMessagesServer server = newServer();
        Transport transport = newTransport();
        Brook brook = Tck.brook(transport, server).build();
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        Brook offloaded = brook.newBuilder().callbackExecutor(callbacks).build();
        return fixtures.stream()
                .flatMap(f -> Stream.of(
                        DynamicTest.dynamicTest(f.name() + " (listener)", () -> {
                            server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 7, Duration.ZERO));
                            AsyncSuite.checkListener(brook, f);
                        }),
                        DynamicTest.dynamicTest(f.name() + " (listener on a callback executor)", () -> {
                            server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 11, Duration.ZERO));
                            AsyncSuite.checkListener(offloaded, f);
                        }),
                        DynamicTest.dynamicTest(f.name() + " (publisher, one event at a time)", () -> {
                            server.enqueue(ScriptedResponse.sse(f.stream()));
                            FixtureOutcomes.publisher(brook, f);
                        })))
                .onClose(() -> {
                    offloaded.close();
                    brook.close();
                    callbacks.shutdownNow();
                    transport.close();
                    server.close();
                });
    }

    private static void checkListener(Brook brook, Fixture f) throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder openBlock = new StringBuilder(); // the deltas of the open text block
        List<String> terminals = new CopyOnWriteArrayList<>();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        JsonValue[] lastPartialInput = new JsonValue[1];
        AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() {
            @Override
            public void onText(String delta, CharSequence textSoFar) {
                text.append(delta);
                openBlock.append(delta);
                // Exactly the deltas delivered so far (after any text the block started with): never text
                // of events the stream has decoded but not yet delivered.
                assertThat(textSoFar.toString()).endsWith(openBlock.toString());
            }

            @Override
            public void onContentBlock(int index, ContentBlock stopped) {
                openBlock.setLength(0);
            }

            @Override
            public void onInputJson(String fragment, Supplier<JsonValue> partialInput) {
                lastPartialInput[0] = partialInput.get();
            }

            @Override
            public void onMessage(Message message) {
                terminals.add("onMessage");
                outcome.complete(message);
            }

            @Override
            public void onError(Throwable error) {
                terminals.add("onError");
                outcome.complete(error);
            }
        });
        Object result = outcome.get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Object future = FixtureOutcomes.futureOutcome(stream.finalMessage());
        FixtureOutcomes.assertOutcome(f, result, text.toString());
        FixtureOutcomes.assertOutcome(f, future, text.toString());
        if (result instanceof Message m && lastPartialInput[0] != null && !lastPartialInput[0].isNull()) {
            // The live view of the last tool input, once all its fragments arrived, is its final value.
            JsonValue last = lastPartialInput[0];
            assertThat(m.content()).anySatisfy(block -> assertThat(tree(block.toJson()).get("input")).contains(last));
        }
        Thread.sleep(20); // a second terminal callback, if any, would come now
        assertThat(terminals).hasSize(1);
    }

    private static JsonValue tree(String json) {
        return JsonValue.parse(json);
    }

    /**
     * A listener's text so far is exactly the deltas delivered to it, also when a whole reply arrives in
     * one body buffer, so that the stream has the later deltas in hand before the listener sees the first.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void listenerTextSoFarIsExactWhenManyEventsArriveAtOnce() throws Exception {
        StringBuilder body = new StringBuilder(LatencySuite.HEAD);
        for (int i = 0; i < 200; i++) {
            body.append("event: content_block_delta\n").append("data: {\"type\":\"content_block_delta\",\"index\":0,")
                    .append("\"delta\":{\"type\":\"text_delta\",\"text\":\" w").append(i).append("\"}}\n\n");
        }
        body.append(LatencySuite.TAIL);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.builder()
                    .status(200)
                    .header("content-type", "text/event-stream")
                    .chunk(body.toString().getBytes(StandardCharsets.UTF_8), Duration.ZERO)
                    .build());
            StringBuilder delivered = new StringBuilder();
            List<String> wrong = new CopyOnWriteArrayList<>();
            Message message = brook.messages().streamAsync(Tck.request(), new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    delivered.append(delta);
                    if (!textSoFar.toString().equals(delivered.toString())) {
                        wrong.add("after " + delivered.length() + " chars: " + textSoFar.length() + " chars so far");
                    }
                }
            }).finalMessage().get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(wrong).as("text so far that is not the deltas delivered").isEmpty();
            assertThat(message.text()).isEqualTo(delivered.toString()).startsWith("first w0 w1").endsWith(" w199");
        }
    }

    /**
     * A listener that throws cancels the stream: its exception reaches {@code onError}, once, and the
     * final-message future.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void throwingListenerCancelsTheStreamAndReachesOnErrorAndTheFuture() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(Tck.stalledAfterHead());
            IllegalStateException boom = new IllegalStateException("listener bug");
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    throw boom;
                }

                @Override
                public void onError(Throwable error) {
                    errors.add(error);
                }
            });
            Throwable failure = FixtureOutcomes.futureOutcome(stream.finalMessage()) instanceof Throwable t ? t : null;
            assertThat(failure).isSameAs(boom);
            assertThat(Tck.awaitReleased(protocol(), server, Duration.ofSeconds(1))).as("exchange released")
                    .isTrue();
            Thread.sleep(20);
            assertThat(errors).containsExactly(boom);
        }
    }

    /**
     * {@code cancel()} from another thread ends the stream with a {@code CancellationException} and frees the
     * connection within a second.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void cancelFromAnotherThreadReleasesTheConnectionWithinOneSecond() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(Tck.stalledAfterHead());
            CompletableFuture<Void> firstText = new CompletableFuture<>();
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    firstText.complete(null);
                }

                @Override
                public void onError(Throwable error) {
                    errors.add(error);
                }
            });
            firstText.get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long start = System.nanoTime();
            CompletableFuture.runAsync(stream::cancel).join();
            assertThat(Tck.awaitReleased(protocol(), server, Duration.ofSeconds(1))).as("exchange released")
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(FixtureOutcomes.futureOutcome(stream.finalMessage())).isInstanceOf(CancellationException.class);
            Thread.sleep(20);
            assertThat(errors).hasSize(1).first().isInstanceOf(CancellationException.class);
        }
    }

    /**
     * A subscriber that cancels after its first event frees the connection within a second, and the
     * final-message future is cancelled.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void subscriberCancelReleasesTheConnectionWithinOneSecond() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(Tck.stalledAfterHead());
            CompletableFuture<Flow.Subscription> gotFirst = new CompletableFuture<>();
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request());
            stream.events().subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(StreamEvent item) {
                    gotFirst.complete(subscription);
                }

                @Override
                public void onError(Throwable throwable) {
                }

                @Override
                public void onComplete() {
                }
            });
            Flow.Subscription subscription = gotFirst.get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long start = System.nanoTime();
            subscription.cancel();
            assertThat(Tck.awaitReleased(protocol(), server, Duration.ofSeconds(1))).as("exchange released")
                    .isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
            assertThat(FixtureOutcomes.futureOutcome(stream.finalMessage())).isInstanceOf(CancellationException.class);
        }
    }

    /**
     * An error status reaches {@code onError} as its typed exception, and the final-message future fails with
     * the same exception.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void apiErrorReachesTheSubscriberAndTheFuture() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.enqueue(ScriptedResponse.builder().status(401).header("content-type", "application/json")
                    .body("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"bad key\"}}").build());
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request(), new StreamListener() {
                @Override
                public void onError(Throwable error) {
                    errors.add(error);
                    done.complete(null);
                }
            });
            done.get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(errors).hasSize(1).first().isInstanceOf(dev.brook.core.error.AuthenticationException.class);
            assertThat(FixtureOutcomes.futureOutcome(stream.finalMessage())).isSameAs(errors.get(0));
        }
    }

    /**
     * A failure before the first event reaches a subscriber only after its {@code onSubscribe}, whether it
     * subscribed before or after the failure.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void earlyFailureReachesASubscriberOnlyAfterOnSubscribe() throws Exception {
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            server.respondAlways(ScriptedResponse.builder().status(401).header("content-type", "application/json")
                    .body("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"bad key\"}}")
                    .build());
            for (int i = 0; i < 20; i++) {
                List<String> signals = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> done = new CompletableFuture<>();
                AsyncMessageStream stream = brook.messages().streamAsync(Tck.request());
                if (i % 2 == 1) {
                    FixtureOutcomes.futureOutcome(stream.finalMessage()); // subscribe after the failure, too
                }
                stream.events().subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription s) {
                        signals.add("onSubscribe");
                        s.request(1);
                    }

                    @Override
                    public void onNext(StreamEvent item) {
                        signals.add("onNext");
                    }

                    @Override
                    public void onError(Throwable t) {
                        signals.add("onError " + t.getClass().getSimpleName());
                        done.complete(null);
                    }

                    @Override
                    public void onComplete() {
                        signals.add("onComplete");
                        done.complete(null);
                    }
                });
                done.get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(signals).containsExactly("onSubscribe", "onError AuthenticationException");
            }
        }
    }

    /**
     * Five hundred streams held open at once add no thread per stream to the client. Needs
     * {@link TransportCapability#NATIVE_ASYNC}.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void fiveHundredConcurrentStreamsNeedNoThreadEach() throws Exception {
        requireCapability(TransportCapability.NATIVE_ASYNC);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofSeconds(30)).build()) {
            CompletableFuture<Void> release = new CompletableFuture<>();
            server.respondAlways(Tck.headThen()
                    .awaitSignal(release, Duration.ofSeconds(20))
                    .chunk(LatencySuite.TAIL.getBytes(StandardCharsets.UTF_8), Duration.ZERO)
                    .build());
            // Warm up: the first stream starts the transport's own threads.
            release.complete(null);
            brook.messages().streamAsync(Tck.request(), new StreamListener() { }).finalMessage()
                    .get(Tck.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            CompletableFuture<Void> hold = new CompletableFuture<>();
            server.respondAlways(Tck.headThen()
                    .awaitSignal(hold, Duration.ofSeconds(60))
                    .chunk(LatencySuite.TAIL.getBytes(StandardCharsets.UTF_8), Duration.ZERO)
                    .build());
            int before = clientThreads();
            int connectionsBefore = server.totalConnections();
            int streams = 500;
            AtomicInteger firstTexts = new AtomicInteger();
            List<CompletableFuture<Message>> results = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                results.add(brook.messages().streamAsync(Tck.request(), new StreamListener() {
                    @Override
                    public void onText(String delta, CharSequence textSoFar) {
                        firstTexts.incrementAndGet();
                    }
                }).finalMessage());
            }
            // Generous: on a machine twice oversubscribed, opening 500 connections can take many seconds.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
            while (firstTexts.get() < streams && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int during = clientThreads();
            int openAtOnce = firstTexts.get(); // before release: a transport that queues streams fails here
            hold.complete(null);
            int connections = server.totalConnections() - connectionsBefore;
            System.out.printf("[async scale] %s: %d streams open at once over %d new connections (%s); client threads"
                    + " %d before, %d during (+%d)%n", getClass().getSimpleName(), openAtOnce, connections, protocol(),
                    before, during, during - before);
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(openAtOnce).as("streams open at once").isEqualTo(streams);
            assertThat(results).allSatisfy(r -> assertThat(r.join().text()).isEqualTo("first"));
            assertThat(during - before).as("client threads added by %d open streams (before %d, during %d)",
                    streams, before, during).isLessThanOrEqualTo(32);
        }
    }

    /**
     * A slow subscriber reads 200 events of 1 MiB each while the heap stays bounded: demand reaches the
     * socket, and nothing buffers the body in between.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void slowSubscriberReadsTwoHundredMegabytesInBoundedHeap() throws Exception {
        // 200 events of 1 MiB each; an unknown event kind, so nothing accumulates and only buffering
        // between the socket and the subscriber could grow the heap.
        int mib = 1024 * 1024;
        StringBuilder event = new StringBuilder(mib + 100).append("event: bulk\ndata: {\"type\":\"bulk\",\"pad\":\"");
        while (event.length() < mib - 8) {
            event.append("abcdefghijklmnopqrstuvwxyz012345");
        }
        byte[] chunk = event.append("\"}\n\n").toString().getBytes(StandardCharsets.UTF_8);
        int events = 200;
        ScriptedResponse.Builder script = Tck.headThen();
        for (int i = 0; i < events; i++) {
            script.chunk(chunk, Duration.ZERO); // the same array each time: the server holds 1 MiB
        }
        script.chunk(LatencySuite.TAIL.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).idleTimeout(Duration.ofSeconds(30)).build()) {
            server.enqueue(script.build());
            long baseline = usedHeapAfterGc();
            long[] peak = {baseline};
            java.util.concurrent.ScheduledExecutorService slow = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger bulk = new AtomicInteger();
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            AsyncMessageStream stream = brook.messages().streamAsync(Tck.request());
            stream.events().subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(1);
                }

                @Override
                public void onNext(StreamEvent item) {
                    boolean measure = item.type().equals("bulk") && bulk.incrementAndGet() % 20 == 0;
                    // Ask for the next event later, from another thread: the I/O thread is never held
                    // here, so only honoured demand can keep the transport from reading ahead.
                    slow.schedule(() -> {
                        if (measure) {
                            peak[0] = Math.max(peak[0], usedHeapAfterGc());
                        }
                        subscription.request(1);
                    }, 2, TimeUnit.MILLISECONDS);
                }

                @Override
                public void onError(Throwable t) {
                    outcome.complete(t);
                }

                @Override
                public void onComplete() {
                    outcome.complete("complete");
                }
            });
            Object signal = outcome.get(120, TimeUnit.SECONDS);
            slow.shutdown();
            assertThat(signal).isEqualTo("complete");
            assertThat(bulk.get()).isEqualTo(events);
            assertThat(stream.finalMessage().join().text()).isEqualTo("first");
            long grew = peak[0] - baseline;
            System.out.printf("[slow subscriber] %s: %d MiB read slowly over %s; heap %d MiB after GC before, peak"
                    + " growth %+d MiB%n", getClass().getSimpleName(), events, protocol(), baseline / mib, grew / mib);
            assertThat(grew).as("heap growth over the baseline while reading 200 MiB slowly: %d bytes", grew)
                    .isLessThan(64L * mib);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Live threads that are not the fake server's own (it uses a thread per connection). */
    private static int clientThreads() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        return threads.stream()
                .filter(t -> t.isAlive() && !t.getName().startsWith("brook-fake-server-"))
                .collect(Collectors.toList())
                .size();
    }
}
