package dev.brook.foundry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import dev.brook.testkit.FoundryRequestCheck;
import dev.brook.testkit.ScriptedResponse;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every complete conformance fixture, served by a checked fake Foundry resource, gives its final message. */
class FoundryFixtureTest extends FoundryLoopback {
    @TestFactory
    Stream<DynamicTest> everyCompleteFixtureStreamsToItsFinalMessage() throws Exception {
        return ConformanceFixtures.complete().stream().flatMap(f -> Stream.of(
                DynamicTest.dynamicTest(f.name() + " sync", () -> sync(f)),
                DynamicTest.dynamicTest(f.name() + " async", () -> async(f))));
    }

    private Brook checkedClient() {
        server.checkRequests(FoundryRequestCheck.builder().acceptApiKey(API_KEY).build());
        return client(keyed());
    }

    private void sync(ConformanceFixtures.Fixture fixture) throws InterruptedException {
        Brook brook = checkedClient();
        server.enqueue(ScriptedResponse.sse(fixture.stream()));
        Message message;
        try (MessageStream stream = brook.messages().stream(request())) {
            message = stream.finalMessage();
        }
        assertThat(JsonValue.parse(message.toJson())).as(fixture.name()).isEqualTo(fixture.finalMessage());
        assertThat(message.text()).isEqualTo(fixture.text());
        // One server serves the whole factory (JUnit runs @BeforeEach once per factory): take this test's request.
        assertThat(server.takeRequest(WAIT).orElseThrow().path()).isEqualTo("/anthropic/v1/messages");
    }

    private void async(ConformanceFixtures.Fixture fixture) throws Exception {
        Brook brook = checkedClient();
        server.enqueue(ScriptedResponse.sse(fixture.stream()));
        Message message = brook.messages().streamAsync(request(), new StreamListener() { }).finalMessage()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(JsonValue.parse(message.toJson())).as(fixture.name()).isEqualTo(fixture.finalMessage());
        assertThat(server.takeRequest(WAIT).orElseThrow().path()).isEqualTo("/anthropic/v1/messages");
    }
}
