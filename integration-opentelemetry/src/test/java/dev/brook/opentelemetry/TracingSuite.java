package dev.brook.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.tck.ConformanceData;
import dev.brook.tck.Fixture;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The call span, the trace context sent to the server and the caller's context in callbacks, on one
 * transport (the subclass's), for sync streams ({@code stream}, read on the test thread) and async ones
 * ({@code streamAsync} with a {@link StreamListener}), against a real loopback server. Every test ends by
 * waiting for the call span to end (a span processor hands ended spans to a queue), never by sleeping.
 */
@SuppressWarnings("try") // OpenTelemetry scopes are opened for their effect, never read
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TracingSuite {
    static final String API_KEY = "sk-ant-otel-0123456789-SECRET-abcdef";
    static final String REQUEST_ID = "req_otel_0001";
    static final String MODEL = "claude-otel-test";
    static final int MAX_TOKENS = 512;
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A stream whose body breaks off after one text delta, as a dropped connection leaves it. */
    static final String HEAD = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_head\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-otel-served\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":11,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n";

    /** How the test calls: a sync stream read on the test thread, or an async stream with a listener. */
    enum Mode {
        SYNC {
            @Override
            Message call(Brook brook, MessageRequest request) {
                try (MessageStream stream = brook.messages().stream(request)) {
                    return stream.finalMessage();
                }
            }
        },
        ASYNC {
            @Override
            Message call(Brook brook, MessageRequest request) {
                try (AsyncMessageStream stream = brook.messages().streamAsync(request, new StreamListener() { })) {
                    return await(stream.finalMessage());
                }
            }
        };

        /** The call's final message; its failure is thrown as is. */
        abstract Message call(Brook brook, MessageRequest request);
    }

    private Transport transport;
    private SdkTracerProvider tracerProvider;
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final BlockingQueue<SpanData> ended = new LinkedBlockingQueue<>();
    private OpenTelemetrySdk openTelemetry;
    private OpenTelemetryCallListener tracing;
    /** The test's own tracer, for the caller's spans. */
    private Tracer caller;

    /** {@return the transport under test, made once for the class and closed after it} */
    abstract Transport newTransport();

    /** Releases what {@link #newTransport()} made beside the transport (a user's client); nothing by default. */
    void closeExtras() {
    }

    @BeforeAll
    void setUp() {
        transport = newTransport();
        tracerProvider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .addSpanProcessor(new EndedSpans(ended))
                .build();
        openTelemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        tracing = OpenTelemetryCallListener.create(openTelemetry);
        caller = openTelemetry.getTracer("test-caller");
    }

    @AfterAll
    void tearDown() {
        try {
            transport.close();
            closeExtras();
        } finally {
            tracerProvider.close();
        }
    }

    @BeforeEach
    void clearSpans() {
        exporter.reset();
        ended.clear();
    }

    // ---- 1. Attributes from the fixtures -------------------------------------------------------------

    static Stream<Fixture> completeFixtures() {
        return ConformanceData.fixtures().stream().filter(f -> f.outcome() == Fixture.Outcome.COMPLETE);
    }

    static Stream<Arguments> completeFixturesByMode() {
        return completeFixtures().flatMap(f -> Stream.of(Arguments.of(Mode.SYNC, f), Arguments.of(Mode.ASYNC, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("completeFixturesByMode")
    void completeStreamSpanCarriesTheRequestAndTheFixturesReply(Mode mode, Fixture fixture) {
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(sse(fixture.stream()));
            Message message = mode.call(brook, request());
            assertThat(message.id()).isEqualTo(string(fixture.expectedMessage(), "id"));

            SpanData span = awaitCallSpan();
            assertThat(span.getName()).isEqualTo("chat " + MODEL);
            assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("dev.brook");
            assertThat(span.getInstrumentationScopeInfo().getVersion()).isEqualTo(Brook.VERSION);
            assertRequestAttributes(span, server, true);
            assertThat(span.getAttributes().get(CallSpan.HTTP_STATUS)).isEqualTo(200L);
            assertThat(span.getAttributes().get(CallSpan.REQUEST_ID)).isEqualTo(REQUEST_ID);
            assertThat(span.getAttributes().get(CallSpan.TIME_TO_FIRST_CHUNK)).isNotNull().isGreaterThanOrEqualTo(0.0);
            assertReplyAttributes(span, fixture.expectedMessage());
            assertThat(span.getAttributes().get(CallSpan.ERROR_TYPE)).isNull();
            if (!fixture.text().isEmpty()) {
                assertThat(eventNames(span)).contains(CallSpan.FIRST_TOKEN_EVENT);
            }
            assertThat(eventNames(span)).doesNotContain(CallSpan.RETRY_EVENT, "exception");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeFixtures")
    void createSpanCarriesTheRequestAndTheFixturesReplyWithoutStreamAttributes(Fixture fixture) {
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(ScriptedResponse.json(200, fixture.expectedMessage().toJson()).newBuilder()
                    .header("request-id", REQUEST_ID).build());
            brook.messages().create(request());

            SpanData span = awaitCallSpan();
            assertThat(span.getName()).isEqualTo("chat " + MODEL);
            assertRequestAttributes(span, server, false);
            assertThat(span.getAttributes().get(CallSpan.REQUEST_ID)).isEqualTo(REQUEST_ID);
            assertReplyAttributes(span, fixture.expectedMessage());
            assertThat(span.getAttributes().get(CallSpan.TIME_TO_FIRST_CHUNK)).isNull();
            assertThat(eventNames(span)).isEmpty();
        }
    }

    // ---- 2. Trace context to the server --------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Mode.class)
    void serverReceivesTraceparentNamingTheCallSpan(Mode mode) {
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(sse(ConformanceData.read("fixtures/text-basic.sse")));
            mode.call(brook, request());

            SpanData span = awaitCallSpan();
            assertThat(span.getParentSpanContext().isValid()).as("no caller span: the call span is a root").isFalse();
            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0).header("traceparent"))
                    .hasValue(traceparent(span));
            assertThat(span.getSpanContext().getTraceFlags().isSampled()).isTrue();
            assertThat(server.requests().get(0).header("tracestate")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void callSpanIsAChildOfTheCallersSpanAndTheServerGetsItsTraceState(Mode mode) {
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(sse(ConformanceData.read("fixtures/text-basic.sse")));
            // An incoming request's context, as a server framework would extract it: remote, with trace state.
            SpanContext remote = SpanContext.createFromRemoteParent("0af7651916cd43dd8448eb211c80319c",
                    "b7ad6b7169203331", TraceFlags.getSampled(), TraceState.builder().put("brook", "t61rcWkgMzE").build());
            Span parent = caller.spanBuilder("handle request").setParent(Context.root().with(Span.wrap(remote))).startSpan();
            try (Scope ignored = parent.makeCurrent()) {
                mode.call(brook, request());
            } finally {
                parent.end();
            }

            SpanData span = awaitCallSpan();
            assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
            assertThat(span.getTraceId()).isEqualTo(remote.getTraceId());
            RecordedRequest recorded = server.requests().get(0);
            assertThat(recorded.header("traceparent")).hasValue("00-" + remote.getTraceId() + "-" + span.getSpanId() + "-01")
                    .hasValue(traceparent(span));
            assertThat(recorded.header("tracestate")).hasValue("brook=t61rcWkgMzE");
        }
    }

    // ---- 3. The caller's context in callbacks --------------------------------------------------------

    /** What a callback saw: the thread it ran on and the span current there. */
    record Seen(String callback, Thread thread, SpanContext current) {
    }

    @Test
    void asyncListenerCallbacksOnTransportThreadsSeeTheCallersSpan() {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            // The body waits for the test: every callback runs after the test closed its scope.
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .header("request-id", REQUEST_ID)
                    .awaitSignal(release, TIMEOUT)
                    .chunk(ConformanceData.read("fixtures/text-basic.sse"))
                    .build());
            List<Seen> seen = new CopyOnWriteArrayList<>();
            StreamListener listener = new StreamListener() {
                @Override
                public void onEvent(StreamEvent event) {
                    seen.add(new Seen("onEvent", Thread.currentThread(), Span.current().getSpanContext()));
                }

                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    seen.add(new Seen("onText", Thread.currentThread(), Span.current().getSpanContext()));
                }

                @Override
                public void onMessage(Message message) {
                    seen.add(new Seen("onMessage", Thread.currentThread(), Span.current().getSpanContext()));
                }
            };
            Span parent = caller.spanBuilder("caller").startSpan();
            AsyncMessageStream stream;
            try (Scope ignored = parent.makeCurrent()) {
                stream = brook.messages().streamAsync(request(), listener);
            }
            assertThat(Span.current().getSpanContext().isValid()).as("the test thread left the caller's scope").isFalse();
            assertThat(seen).as("no callback before the body is released").isEmpty();
            release.countDown();
            try (stream) {
                await(stream.finalMessage());
            }
            parent.end();

            assertThat(seen).extracting(Seen::callback).contains("onEvent", "onText", "onMessage");
            assertThat(seen).allSatisfy(s -> {
                assertThat(s.thread()).as(s.callback() + " runs on the transport's thread").isNotSameAs(Thread.currentThread());
                assertThat(s.current()).as(s.callback() + " sees the caller's span").isEqualTo(parent.getSpanContext());
            });
            SpanData span = awaitCallSpan();
            assertThat(span.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        }
    }

    @Test
    void flowSubscriberSignalsOnTransportThreadsSeeTheCallersSpan() {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .awaitSignal(release, TIMEOUT)
                    .chunk(ConformanceData.read("fixtures/tool-use.sse"))
                    .build());
            List<Seen> seen = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> done = new CompletableFuture<>();
            Span parent = caller.spanBuilder("caller").startSpan();
            AsyncMessageStream stream;
            try (Scope ignored = parent.makeCurrent()) {
                stream = brook.messages().streamAsync(request());
            }
            stream.events().subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(StreamEvent item) {
                    seen.add(new Seen("onNext", Thread.currentThread(), Span.current().getSpanContext()));
                }

                @Override
                public void onError(Throwable throwable) {
                    done.completeExceptionally(throwable);
                }

                @Override
                public void onComplete() {
                    seen.add(new Seen("onComplete", Thread.currentThread(), Span.current().getSpanContext()));
                    done.complete(null);
                }
            });
            release.countDown();
            try (stream) {
                await(done);
            }
            parent.end();

            assertThat(seen).extracting(Seen::callback).contains("onNext", "onComplete");
            assertThat(seen).allSatisfy(s -> {
                assertThat(s.thread()).as(s.callback() + " runs on the transport's thread").isNotSameAs(Thread.currentThread());
                assertThat(s.current()).as(s.callback() + " sees the caller's span").isEqualTo(parent.getSpanContext());
            });
            assertThat(awaitCallSpan().getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        }
    }

    @Test
    void syncStreamReadOnTheCallersThreadSeesTheCallersSpan() {
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(sse(ConformanceData.read("fixtures/text-basic.sse")));
            List<Seen> seen = new ArrayList<>();
            Span parent = caller.spanBuilder("caller").startSpan();
            try (Scope ignored = parent.makeCurrent(); MessageStream stream = brook.messages().stream(request())) {
                stream.forEach(e -> seen.add(new Seen("next", Thread.currentThread(), Span.current().getSpanContext())));
            } finally {
                parent.end();
            }

            assertThat(seen).isNotEmpty().allSatisfy(s -> {
                assertThat(s.thread()).isSameAs(Thread.currentThread());
                assertThat(s.current()).isEqualTo(parent.getSpanContext());
            });
            assertThat(awaitCallSpan().getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
        }
    }

    @Test
    void concurrentAsyncCallsEachGetTheirOwnSpanUnderTheirOwnCaller() {
        int calls = 8;
        CountDownLatch release = new CountDownLatch(1);
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.setDefaultResponse(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .awaitSignal(release, TIMEOUT)
                    .chunk(ConformanceData.read("fixtures/text-basic.sse"))
                    .build());
            List<Span> parents = new ArrayList<>();
            List<AsyncMessageStream> streams = new ArrayList<>();
            List<List<SpanContext>> seen = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                Span parent = caller.spanBuilder("caller " + i).startSpan();
                List<SpanContext> mine = new CopyOnWriteArrayList<>();
                try (Scope ignored = parent.makeCurrent()) {
                    streams.add(brook.messages().streamAsync(request(), new StreamListener() {
                        @Override
                        public void onText(String delta, CharSequence textSoFar) {
                            mine.add(Span.current().getSpanContext());
                        }
                    }));
                }
                parents.add(parent);
                seen.add(mine);
            }
            release.countDown();
            for (AsyncMessageStream stream : streams) {
                try (stream) {
                    await(stream.finalMessage());
                }
            }
            parents.forEach(Span::end);

            List<SpanData> spans = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                spans.add(awaitCallSpan());
            }
            for (int i = 0; i < calls; i++) {
                SpanContext parent = parents.get(i).getSpanContext();
                assertThat(seen.get(i)).isNotEmpty().containsOnly(parent);
                assertThat(spans).filteredOn(s -> s.getParentSpanId().equals(parent.getSpanId())).hasSize(1);
            }
            // Each request carried the traceparent of its own call span.
            assertThat(server.requests()).extracting(r -> r.header("traceparent").orElseThrow())
                    .containsExactlyInAnyOrderElementsOf(spans.stream().map(TracingSuite::traceparent).toList());
        }
    }

    // ---- 4. Failures and retries ---------------------------------------------------------------------

    static Stream<Arguments> failingFixturesByMode() {
        return ConformanceData.fixtures().stream().filter(f -> f.outcome() != Fixture.Outcome.COMPLETE)
                .flatMap(f -> Stream.of(Arguments.of(Mode.SYNC, f), Arguments.of(Mode.ASYNC, f)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("failingFixturesByMode")
    void failedStreamEndsTheSpanWithErrorTypeAndWhatTheSnapshotHas(Mode mode, Fixture fixture) {
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(sse(fixture.stream()));
            Throwable thrown = catchThrowable(() -> mode.call(brook, request()));

            Class<? extends Throwable> expected = switch (fixture.outcome()) {
                case STREAM_ERROR -> StreamErrorException.class;
                case INCOMPLETE -> IncompleteStreamException.class;
                case PROTOCOL -> StreamProtocolException.class;
                case COMPLETE -> throw new AssertionError(fixture);
            };
            assertThat(thrown).isInstanceOf(expected);
            SpanData span = awaitCallSpan();
            assertFailed(span, fixture.outcome() == Fixture.Outcome.STREAM_ERROR ? fixture.errorType() : expected.getName(),
                    thrown);
            if (fixture.expectedMessage() != null) {
                assertReplyAttributes(span, fixture.expectedMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void errorStatusEndsTheSpanWithTheApiErrorType(Mode mode) {
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            server.enqueue(ScriptedResponse.builder().status(400).header("content-type", "application/json")
                    .header("request-id", "req_bad").body(errorBody("invalid_request_error", "max_tokens: too large")).build());
            Throwable thrown = catchThrowable(() -> mode.call(brook, request()));

            assertThat(thrown).isInstanceOf(BadRequestException.class);
            SpanData span = awaitCallSpan();
            assertFailed(span, "invalid_request_error", thrown);
            assertThat(span.getAttributes().get(CallSpan.HTTP_STATUS)).isEqualTo(400L);
            assertThat(span.getAttributes().get(CallSpan.REQUEST_ID)).isEqualTo("req_bad");
            assertThat(span.getAttributes().get(CallSpan.RESPONSE_ID)).isNull();
            assertThat(span.getAttributes().get(CallSpan.INPUT_TOKENS)).isNull();
            assertRequestAttributes(span, server, true);
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void connectionDroppedMidBodyEndsTheSpanWithTheUsageSoFar(Mode mode) {
        // The server drops the connection once the client has seen the first text (told by a listener of the
        // test's own), so the snapshot surely holds message_start whatever the transport buffers.
        CountDownLatch sawFirstToken = new CountDownLatch(1);
        CallListener signal = new CallListener() {
            @Override
            public void firstToken(CallInfo call, ContentBlockDeltaEvent delta) {
                sawFirstToken.countDown();
            }
        };
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = brook(server).addCallListener(call -> signal).build()) {
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .header("request-id", REQUEST_ID)
                    .chunk(HEAD)
                    .awaitSignal(sawFirstToken, TIMEOUT)
                    .chunk("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"ind")
                    .closeMidBody()
                    .build());
            Throwable thrown = catchThrowable(() -> mode.call(brook, request()));

            assertThat(thrown).isInstanceOf(IncompleteStreamException.class);
            assertThat(((IncompleteStreamException) thrown).snapshot()).isPresent();
            SpanData span = awaitCallSpan();
            assertFailed(span, IncompleteStreamException.class.getName(), thrown);
            Attributes attributes = span.getAttributes();
            assertThat(attributes.get(CallSpan.RESPONSE_ID)).isEqualTo("msg_head");
            assertThat(attributes.get(CallSpan.RESPONSE_MODEL)).isEqualTo("claude-otel-served");
            assertThat(attributes.get(CallSpan.INPUT_TOKENS)).isEqualTo(11L);
            assertThat(attributes.get(CallSpan.OUTPUT_TOKENS)).isEqualTo(1L);
            assertThat(attributes.get(CallSpan.FINISH_REASONS)).as("no stop reason had arrived").isNull();
            assertThat(eventNames(span)).containsSubsequence(CallSpan.FIRST_TOKEN_EVENT, "exception");
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamClosedBeforeItsEndEndsTheSpanAsCancelled(Mode mode) {
        CountDownLatch sawText = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        try (FakeMessagesServer server = new FakeMessagesServer().start(); Brook brook = brook(server).build()) {
            // The rest of the body waits until the test is done: the stream cannot complete by itself.
            server.enqueue(ScriptedResponse.builder().status(200).header("content-type", "text/event-stream")
                    .chunk(HEAD)
                    .awaitSignal(hold, TIMEOUT)
                    .build());
            try {
                if (mode == Mode.SYNC) {
                    try (MessageStream stream = brook.messages().stream(request())) {
                        assertThat(stream.iterator().next()).isNotNull();
                    }
                } else {
                    AsyncMessageStream stream = brook.messages().streamAsync(request(), new StreamListener() {
                        @Override
                        public void onText(String delta, CharSequence textSoFar) {
                            sawText.countDown();
                        }
                    });
                    awaitLatch(sawText);
                    stream.cancel();
                    assertThat(catchThrowable(() -> await(stream.finalMessage()))).isInstanceOf(CancellationException.class);
                }

                SpanData span = awaitCallSpan();
                assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
                assertThat(span.getAttributes().get(CallSpan.ERROR_TYPE)).isEqualTo(CancellationException.class.getName());
                assertThat(span.getAttributes().get(CallSpan.RESPONSE_ID)).as("from message_start").isEqualTo("msg_head");
                assertThat(span.getAttributes().get(CallSpan.INPUT_TOKENS)).as("from message_start").isEqualTo(11L);
            } finally {
                hold.countDown();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void retriedCallIsOneSpanWithARetryEventAndOneTraceparentOnBothAttempts(Mode mode) {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = brook(server).maxRetries(2).build()) {
            server.enqueue(ScriptedResponse.builder().status(529).header("content-type", "application/json")
                    .header("request-id", "req_overloaded").header("retry-after-ms", "10")
                    .body(errorBody("overloaded_error", "Overloaded")).build());
            server.enqueue(sse(ConformanceData.read("fixtures/text-basic.sse")));
            Message message = mode.call(brook, request());
            assertThat(message.text()).startsWith("Once upon a time");

            SpanData span = awaitCallSpan();
            assertThat(callSpans()).as("one span for the call, whatever its attempts").hasSize(1);
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
            assertThat(span.getAttributes().get(CallSpan.ERROR_TYPE)).isNull();
            assertThat(span.getAttributes().get(CallSpan.HTTP_STATUS)).as("the last attempt's").isEqualTo(200L);
            assertThat(span.getAttributes().get(CallSpan.REQUEST_ID)).isEqualTo(REQUEST_ID);
            List<EventData> retries = span.getEvents().stream().filter(e -> e.getName().equals(CallSpan.RETRY_EVENT)).toList();
            assertThat(retries).hasSize(1);
            Attributes retry = retries.get(0).getAttributes();
            assertThat(retry.get(CallSpan.ERROR_TYPE)).isEqualTo("overloaded_error");
            assertThat(retry.get(CallSpan.EXCEPTION_TYPE)).isEqualTo(OverloadedException.class.getName());
            assertThat(retry.get(CallSpan.EXCEPTION_MESSAGE)).contains("529").contains("req_overloaded");
            assertThat(retry.get(CallSpan.HTTP_STATUS)).isEqualTo(529L);
            assertThat(retry.get(CallSpan.RETRY_ATTEMPT)).isEqualTo(2L);
            assertThat(retry.get(CallSpan.RETRY_DELAY)).isEqualTo(0.010);
            assertThat(eventNames(span)).containsSubsequence(CallSpan.RETRY_EVENT, CallSpan.FIRST_TOKEN_EVENT);
            assertThat(server.requests()).hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("traceparent")).hasValue(traceparent(span)));
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void noSpanRecordsTheApiKeyEvenWhenTheServerEchoesIt(Mode mode) {
        try (FakeMessagesServer server = new FakeMessagesServer().start();
                Brook brook = brook(server).maxRetries(1).build()) {
            ScriptedResponse echo = ScriptedResponse.builder().status(529).header("content-type", "application/json")
                    .header("retry-after-ms", "1")
                    .body(errorBody("overloaded_error", "key " + API_KEY + " is overloaded")).build();
            server.enqueue(echo);
            server.enqueue(echo);
            Throwable thrown = catchThrowable(() -> mode.call(brook, request()));
            assertThat(thrown).isInstanceOf(OverloadedException.class);

            SpanData span = awaitCallSpan();
            assertFailed(span, "overloaded_error", thrown);
            List<String> recorded = new ArrayList<>();
            recorded.add(span.getStatus().getDescription());
            span.getAttributes().forEach((k, v) -> recorded.add(k.getKey() + "=" + v));
            span.getEvents().forEach(e -> e.getAttributes().forEach((k, v) -> recorded.add(e.getName() + " " + k.getKey() + "=" + v)));
            assertThat(recorded).anySatisfy(s -> assertThat(s).contains("[redacted]"));
            assertThat(recorded).noneSatisfy(s -> assertThat(s).contains(API_KEY));
        }
    }

    // ---- Helpers -------------------------------------------------------------------------------------

    Brook.Builder brook(FakeMessagesServer server) {
        return Brook.builder()
                .apiKey(API_KEY)
                .baseUrl(server.baseUri().toString())
                .transport(transport)
                .maxRetries(0)
                .idleTimeout(TIMEOUT)
                .addCallListener(tracing);
    }

    static MessageRequest request() {
        return MessageRequest.builder().model(MODEL).maxTokens(MAX_TOKENS).addUserMessage("Tell me a story.").build();
    }

    static ScriptedResponse sse(byte[] body) {
        return ScriptedResponse.sse(body).newBuilder().header("request-id", REQUEST_ID).build();
    }

    /** The {@code traceparent} header that names {@code span}: version 00, its ids and its trace flags. */
    static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    static String errorBody(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    /** The next call span to end (spans of the test's own tracer are skipped). */
    SpanData awaitCallSpan() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            while (true) {
                SpanData span = ended.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (span == null) {
                    throw new AssertionError("no call span ended within " + TIMEOUT + "; exported: "
                            + exporter.getFinishedSpanItems());
                }
                if (span.getInstrumentationScopeInfo().getName().equals("dev.brook")) {
                    return span;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every call span exported so far. */
    List<SpanData> callSpans() {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getInstrumentationScopeInfo().getName().equals("dev.brook")).toList();
    }

    void assertRequestAttributes(SpanData span, FakeMessagesServer server, boolean streaming) {
        Attributes a = span.getAttributes();
        assertThat(a.get(CallSpan.OPERATION_NAME)).isEqualTo("chat");
        assertThat(a.get(CallSpan.PROVIDER_NAME)).isEqualTo("anthropic");
        assertThat(a.get(AttributeKey.stringKey("gen_ai.system"))).as("deprecated, not sent").isNull();
        assertThat(a.get(CallSpan.REQUEST_MODEL)).isEqualTo(MODEL);
        assertThat(a.get(CallSpan.REQUEST_MAX_TOKENS)).isEqualTo((long) MAX_TOKENS);
        assertThat(a.get(CallSpan.REQUEST_STREAM)).isEqualTo(streaming ? Boolean.TRUE : null);
        assertThat(a.get(CallSpan.SERVER_ADDRESS)).isEqualTo(server.baseUri().getHost());
        assertThat(a.get(CallSpan.SERVER_PORT)).isEqualTo((long) server.port());
        assertThat(a.get(CallSpan.TRANSPORT)).isEqualTo(transport.name());
    }

    /** The reply attributes equal {@code expected}'s fields (a message JSON of the fixtures). */
    static void assertReplyAttributes(SpanData span, JsonValue expected) {
        Attributes a = span.getAttributes();
        assertThat(a.get(CallSpan.RESPONSE_ID)).isEqualTo(string(expected, "id"));
        assertThat(a.get(CallSpan.RESPONSE_MODEL)).isEqualTo(string(expected, "model"));
        Optional<String> stopReason = expected.get("stop_reason").flatMap(JsonValue::asString);
        if (stopReason.isPresent()) {
            assertThat(a.get(CallSpan.FINISH_REASONS)).containsExactly(stopReason.get());
        } else {
            assertThat(a.get(CallSpan.FINISH_REASONS)).isNull();
        }
        JsonValue usage = expected.get("usage").orElseThrow();
        Long cacheRead = count(usage, "cache_read_input_tokens");
        Long cacheCreation = count(usage, "cache_creation_input_tokens");
        // The Anthropic conventions: every input token, those read from and written to the cache included.
        long allInput = count(usage, "input_tokens") + (cacheRead == null ? 0 : cacheRead)
                + (cacheCreation == null ? 0 : cacheCreation);
        assertThat(a.get(CallSpan.INPUT_TOKENS)).isEqualTo(allInput);
        assertThat(a.get(CallSpan.CACHE_READ_INPUT_TOKENS)).isEqualTo(cacheRead);
        assertThat(a.get(CallSpan.CACHE_CREATION_INPUT_TOKENS)).isEqualTo(cacheCreation);
        assertThat(a.get(CallSpan.OUTPUT_TOKENS)).isEqualTo(count(usage, "output_tokens"));
        assertThat(a.get(CallSpan.REASONING_OUTPUT_TOKENS))
                .isEqualTo(usage.get("output_tokens_details").map(d -> count(d, "thinking_tokens")).orElse(null));
    }

    static void assertFailed(SpanData span, String errorType, Throwable thrown) {
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getStatus().getDescription()).isEqualTo(thrown.getMessage());
        assertThat(span.getAttributes().get(CallSpan.ERROR_TYPE)).isEqualTo(errorType);
        List<EventData> exceptions = span.getEvents().stream().filter(e -> e.getName().equals("exception")).toList();
        assertThat(exceptions).hasSize(1);
        assertThat(exceptions.get(0).getAttributes().get(CallSpan.EXCEPTION_TYPE)).isEqualTo(thrown.getClass().getName());
    }

    static List<String> eventNames(SpanData span) {
        return span.getEvents().stream().map(EventData::getName).toList();
    }

    static String string(JsonValue object, String name) {
        return object.get(name).flatMap(JsonValue::asString).orElseThrow(() -> new AssertionError("no " + name));
    }

    /** A count of a usage object, or null when absent or JSON null. */
    static Long count(JsonValue object, String name) {
        return object.get(name)
                .filter(v -> v instanceof JsonValue.JsonNumber)
                .map(v -> ((JsonValue.JsonNumber) v).longValue())
                .orElse(null);
    }

    static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("not done within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("within " + TIMEOUT).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Hands each ended span to a queue, so a test waits for the call span instead of sleeping. */
    private static final class EndedSpans implements SpanProcessor {
        private final BlockingQueue<SpanData> queue;

        EndedSpans(BlockingQueue<SpanData> queue) {
            this.queue = queue;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            queue.add(span.toSpanData());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }
    }
}
