package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.accumulate.StreamUpdate;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every fixture of {@code fixtures/manifest.json}, end to end over HTTP through the sync client, served
 * whole and in 7-byte chunks: the final message, the stream error with its snapshot, the incomplete
 * stream with its snapshot, or the protocol error, and the text, exactly as the manifest says.
 */
public interface FixtureSuite extends TransportSuite {

    /**
     * Every fixture through the sync client, served whole and in 7-byte chunks, gives the manifest's outcome
     * and text.
     *
     * @return one dynamic test per fixture and way of serving it
     */
    @TestFactory
    default Stream<DynamicTest> everyFixtureEndToEnd() {
        List<Fixture> fixtures = ConformanceData.fixtures();
        FakeMessagesServer server = newServer();
        Transport transport = newTransport();
        Brook brook = Tck.brook(transport, server).build();
        return fixtures.stream()
                .flatMap(f -> Stream.of(
                        DynamicTest.dynamicTest(f.name() + " (whole)", () -> {
                            server.enqueue(ScriptedResponse.sse(f.stream()));
                            FixtureOutcomes.sync(brook, f);
                        }),
                        DynamicTest.dynamicTest(f.name() + " (7-byte chunks)", () -> {
                            server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 7, Duration.ZERO));
                            FixtureOutcomes.sync(brook, f);
                        })))
                .onClose(() -> {
                    brook.close();
                    transport.close();
                    server.close();
                });
    }

    /**
     * Every fixture that completes, read through the sync stream's {@code updates()} (served in 7-byte
     * chunks, so several events arrive per read): each text update's text so far is that block's text up
     * to this very delta, the final blocks are the message's content, and the text is the manifest's.
     *
     * @return one dynamic test per complete fixture
     */
    @TestFactory
    default Stream<DynamicTest> everyCompleteFixtureThroughSyncUpdates() {
        List<Fixture> fixtures = ConformanceData.fixtures();
        FakeMessagesServer server = newServer();
        Transport transport = newTransport();
        Brook brook = Tck.brook(transport, server).build();
        return fixtures.stream()
                .filter(f -> f.outcome() == Fixture.Outcome.COMPLETE)
                .map(f -> DynamicTest.dynamicTest(f.name() + " (updates)", () -> {
                    server.enqueue(ScriptedResponse.sseInChunks(f.stream(), 7, Duration.ZERO));
                    FixtureSuite.checkUpdates(brook, f);
                }))
                .onClose(() -> {
                    brook.close();
                    transport.close();
                    server.close();
                });
    }

    private static void checkUpdates(Brook brook, Fixture f) {
        StringBuilder text = new StringBuilder();
        java.util.Map<Integer, StringBuilder> perBlock = new java.util.HashMap<>();
        List<JsonValue> stopped = new java.util.ArrayList<>();
        Message finalMessage;
        try (MessageStream stream = brook.messages().stream(Tck.request())) {
            stream.updates().forEach(u -> {
                if (u instanceof StreamUpdate.Text t) {
                    text.append(t.delta());
                    StringBuilder block = perBlock.computeIfAbsent(t.index(), i -> new StringBuilder());
                    block.append(t.delta());
                    assertThat(t.textSoFar().toString()).as("text so far of block %d", t.index())
                            .isEqualTo(block.toString());
                } else if (u instanceof StreamUpdate.BlockStop s) {
                    stopped.add(tree(s.block().toJson()));
                }
            });
            finalMessage = stream.finalMessage();
        }
        assertThat(text.toString()).isEqualTo(f.text());
        List<JsonValue> content = new java.util.ArrayList<>();
        JsonValue.JsonObject expected = (JsonValue.JsonObject) f.expectedMessage();
        for (JsonValue block : ((JsonValue.JsonArray) expected.get("content").orElseThrow()).elements()) {
            content.add(block);
        }
        // Blocks the message_start already carried have no stop event; every other block stops once.
        int started = content.size() - stopped.size();
        assertThat(started).isGreaterThanOrEqualTo(0);
        assertThat(stopped).isEqualTo(content.subList(started, content.size()));
        assertThat(tree(finalMessage.toJson())).isEqualTo(f.expectedMessage());
    }

    private static JsonValue tree(String json) {
        return JsonValue.parse(json);
    }
}
