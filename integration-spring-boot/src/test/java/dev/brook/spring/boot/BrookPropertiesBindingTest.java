package dev.brook.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.UnacceptingListener;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every {@code brook.*} property, seen in what the client does against a real server. */
class BrookPropertiesBindingTest {
    private static final String KEY = "sk-ant-spring-properties";

    private FakeMessagesServer server;
    private ApplicationContextRunner runner;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BrookAutoConfiguration.class))
                .withPropertyValues("brook.base-url=" + server.baseUri(), "brook.max-retries=0");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void apiKeyAndBaseUrlAreWhatTheServerReceivesAndThePropertiesNeverShowTheKey() {
        runner.withPropertyValues("brook.api-key=" + KEY).run(context -> {
            RecordedRequest request = Replies.callThrough(context.getBean(Brook.class), server);
            assertThat(request.path()).isEqualTo("/v1/messages");
            assertThat(request.header("x-api-key")).contains(KEY);
            assertThat(request.header("authorization")).isEmpty();
            assertThat(context.getBean(BrookProperties.class).toString()).doesNotContain(KEY).contains("apiKey=(set)");
            assertThat(context.getBean(Brook.class).toString()).doesNotContain(KEY);
        });
    }

    @Test
    void authTokenIsSentAsABearerToken() {
        runner.withPropertyValues("brook.auth-token=tok-spring").run(context -> {
            RecordedRequest request = Replies.callThrough(context.getBean(Brook.class), server);
            assertThat(request.header("authorization")).contains("Bearer tok-spring");
            assertThat(request.header("x-api-key")).isEmpty();
            assertThat(context.getBean(BrookProperties.class).toString()).doesNotContain("tok-spring");
        });
    }

    @Test
    void theVariablesTheOfficialSdksReadAreTheFallbacks() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BrookAutoConfiguration.class))
                .withPropertyValues("ANTHROPIC_API_KEY=sk-ant-from-env", "ANTHROPIC_BASE_URL=" + server.baseUri())
                .run(context -> {
                    RecordedRequest request = Replies.callThrough(context.getBean(Brook.class), server);
                    assertThat(request.header("x-api-key")).contains("sk-ant-from-env");
                });
        runner.withPropertyValues("ANTHROPIC_API_KEY=sk-ant-from-env", "brook.api-key=" + KEY).run(context ->
                assertThat(Replies.callThrough(context.getBean(Brook.class), server).header("x-api-key")).contains(KEY));
    }

    @Test
    void withoutCredentialsTheContextFailsNamingTheProperties() {
        runner.run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("brook.api-key").hasMessageContaining("ANTHROPIC_API_KEY"));
    }

    @Test
    void betasAreJoinedInTheBetaHeader() {
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.betas=context-1m-2025-08-07,files-api-2025-04-14")
                .run(context -> assertThat(Replies.callThrough(context.getBean(Brook.class), server)
                        .header("anthropic-beta")).contains("context-1m-2025-08-07,files-api-2025-04-14"));
        runner.withPropertyValues("brook.api-key=" + KEY).run(context ->
                assertThat(Replies.callThrough(context.getBean(Brook.class), server).header("anthropic-beta")).isEmpty());
    }

    @Test
    void maxRetriesBoundsTheAttempts() {
        server.respondAlways(ScriptedResponse.json(529,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.max-retries=2").run(context -> {
            assertThatThrownBy(() -> Replies.streamText(context.getBean(Brook.class)))
                    .isInstanceOf(OverloadedException.class);
            assertThat(server.requestCount()).isEqualTo(3);
        });
    }

    @Test
    void anOutOfRangeValueFailsTheContextWithBrooksMessage() {
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.max-retries=11").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("maxRetries"));
    }

    @Test
    void connectTimeoutEndsAConnectThatHangs() throws Exception {
        try (UnacceptingListener host = new UnacceptingListener()) {
            runner.withPropertyValues("brook.api-key=" + KEY, "brook.base-url=" + host.baseUrl(),
                    "brook.connect-timeout=300ms").run(context -> {
                        StreamTimeoutException e = (StreamTimeoutException) org.assertj.core.api.Assertions
                                .catchThrowable(() -> Replies.streamText(context.getBean(Brook.class)));
                        assertThat(e).isNotNull();
                        assertThat(e.kind()).isEqualTo(StreamTimeoutException.Kind.CONNECT);
                        assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
                    });
        }
    }

    @Test
    void idleTimeoutEndsASilentStream() {
        server.enqueue(ScriptedResponse.builder().header("content-type", "text/event-stream").chunk(Replies.HEAD).stall(Duration.ofSeconds(20)).build());
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.idle-timeout=300ms").run(context -> {
            try (MessageStream stream = context.getBean(Brook.class).messages().stream(Replies.REQUEST)) {
                assertThatThrownBy(() -> stream.events().count())
                        .isInstanceOfSatisfying(StreamTimeoutException.class, e -> {
                            assertThat(e.kind()).isEqualTo(StreamTimeoutException.Kind.IDLE);
                            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300));
                        });
            }
        });
    }

    @Test
    void totalTimeoutEndsAStreamThatKeepsTalking() {
        ScriptedResponse.Builder slow = ScriptedResponse.builder().header("content-type", "text/event-stream").chunk(Replies.HEAD);
        for (int i = 0; i < 100; i++) {
            slow.chunk("event: ping\ndata: {\"type\":\"ping\"}\n\n", Duration.ofMillis(100));
        }
        server.enqueue(slow.build());
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.idle-timeout=5s", "brook.total-timeout=600ms")
                .run(context -> assertThatThrownBy(() -> Replies.streamText(context.getBean(Brook.class)))
                        .isInstanceOfSatisfying(StreamTimeoutException.class, e -> {
                            assertThat(e.kind()).isEqualTo(StreamTimeoutException.Kind.TOTAL);
                            assertThat(e.timeout()).isEqualTo(Duration.ofMillis(600));
                        }));
    }

    @Test
    void maxEventSizeTakesADataSize() {
        String big = "event: ping\ndata: {\"type\":\"ping\",\"pad\":\"" + "x".repeat(2048) + "\"}\n\n";
        server.enqueue(ScriptedResponse.sse(Replies.HEAD + big + Replies.DELTAS + Replies.TAIL));
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.max-event-size=1KB").run(context ->
                assertThatThrownBy(() -> Replies.streamText(context.getBean(Brook.class)))
                        .isInstanceOf(StreamProtocolException.class));
        server.enqueue(ScriptedResponse.sse(Replies.HEAD + big + Replies.DELTAS + Replies.TAIL));
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.max-event-size=4KB").run(context ->
                assertThat(Replies.streamText(context.getBean(Brook.class))).isEqualTo(Replies.TEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "okhttp", "apache", "vertx"})
    void transportChoosesADiscoveredTransportByName(String name) {
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.transport=" + name).run(context -> {
            Brook brook = context.getBean(Brook.class);
            assertThat(brook.transportName()).isEqualTo(name);
            assertThat(Replies.callThrough(brook, server).header("x-api-key")).contains(KEY);
        });
    }

    @Test
    void anUnknownTransportFailsTheContextNamingTheKnownOnes() {
        server.enqueue(Replies.reply());
        runner.withPropertyValues("brook.api-key=" + KEY, "brook.transport=netty").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("netty").hasMessageContaining("okhttp"));
    }
}
