package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link FakeMessagesServer#openStreams()} and {@link FakeMessagesServer#maxConcurrentStreamsSeen()} on the HTTP/1.1 server. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OpenStreamsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMessagesServer server;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aResponseCountsAsOpenWhileItsScriptRunsAndOneConnectionServesOneAtATime() throws Exception {
        assertThat(server.maxConcurrentStreamsSeen()).isZero();
        server.setDefaultResponse(ScriptedResponse.builder().chunk("a").stall(Duration.ofSeconds(60)).build());
        RawClient first = new RawClient(server.port());
        RawClient second = new RawClient(server.port());
        first.get("/");
        second.get("/");
        first.readHead();
        second.readHead();

        assertThat(server.openStreams()).isEqualTo(2);
        assertThat(server.maxConcurrentStreamsSeen()).isEqualTo(1); // two connections, one response each
        assertThat(server.awaitOpenStreams(1, Duration.ofMillis(100))).isFalse();

        first.close();
        assertThat(server.awaitOpenStreams(1, WAIT)).isTrue();
        second.close();
        assertThat(server.awaitOpenStreams(0, WAIT)).isTrue();
    }

    @Test
    void awaitOpenStreamsRejectsANegativeCount() {
        assertThatThrownBy(() -> server.awaitOpenStreams(-1, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count < 0: -1");
    }

    @Test
    void goAwayBeforeHeadersIsKeptByNewBuilderAndShownByToString() {
        ScriptedResponse refused = ScriptedResponse.json(200, "{}").newBuilder().goAwayBeforeHeaders().build();

        assertThat(refused.isGoAwayBeforeHeaders()).isTrue();
        assertThat(refused.newBuilder().build().isGoAwayBeforeHeaders()).isTrue();
        assertThat(ScriptedResponse.json(200, "{}").isGoAwayBeforeHeaders()).isFalse();
        assertThat(refused.toString()).endsWith(", fixedLength, goAwayBeforeHeaders}");
    }
}
