package dev.brook.core.request;

import static dev.brook.core.request.JsonAssert.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.Message;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link MessageParam#assistant(Message)}: a final message becomes the next request's assistant turn. */
class AssistantTurnFromMessageTest {

    private static Path fixtures() {
        String dir = System.getProperty("brook.conformance.dir");
        assertThat(dir).as("system property brook.conformance.dir").isNotBlank();
        return Path.of(dir, "fixtures");
    }

    /** The fixtures whose stream completes, by name. */
    static Stream<String> completeFixtures() throws IOException {
        List<String> names = new ArrayList<>();
        // The shared fixtures, then Brook's own.
        List<JsonNode> manifest = new ArrayList<>();
        tree(Files.readAllBytes(fixtures().resolve("manifest.json"))).forEach(manifest::add);
        tree(Files.readAllBytes(fixtures().resolve("manifest-brook.json"))).forEach(manifest::add);
        for (JsonNode entry : manifest) {
            if ("complete".equals(entry.path("outcome").asText())) {
                names.add(entry.get("name").asText());
            }
        }
        assertThat(names).isNotEmpty();
        return names.stream();
    }

    /** Streams a fixture through the real decoder and accumulator, as {@code MessageStream} will. */
    private static Message finalMessageOf(String fixture) throws IOException {
        byte[] sse = Files.readAllBytes(fixtures().resolve(fixture + ".sse"));
        MessageStreamDecoder decoder = new MessageStreamDecoder(event -> { });
        decoder.feed(sse, 0, sse.length);
        return decoder.end();
    }

    private static JsonNode turnJson(MessageParam turn) {
        MessageRequest request = MessageRequest.builder().model("m").maxTokens(1).addMessage(turn).build();
        return tree(request.toJson(false)).get("messages").get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completeFixtures")
    void sendsBackEveryBlockAsTheApiSentIt(String fixture) throws IOException {
        JsonNode expected = tree(Files.readAllBytes(fixtures().resolve(fixture + ".final.json"))).get("content");
        ArrayNode nonEmpty = JsonAssert.MAPPER.createArrayNode();
        for (JsonNode block : expected) {
            boolean emptyText = "text".equals(block.path("type").asText()) && block.path("text").asText().isEmpty()
                    && block.size() == 2;
            if (!emptyText) {
                nonEmpty.add(block);
            }
        }

        JsonNode turn = turnJson(MessageParam.assistant(finalMessageOf(fixture)));

        assertThat(turn.get("role").asText()).isEqualTo("assistant");
        JsonNode content = turn.get("content");
        if (content.isTextual()) { // a single plain text block is sent in the short form
            assertThat(nonEmpty).hasSize(1);
            assertThat(content.asText()).isEqualTo(nonEmpty.get(0).get("text").asText());
        } else {
            assertThat(content).isEqualTo(nonEmpty);
        }
    }

    @Test
    void thinkingKeepsItsSignatureAndTextFollows() throws IOException {
        MessageParam turn = MessageParam.assistant(finalMessageOf("thinking"));

        assertThat(turn.role()).isEqualTo(MessageParam.Role.ASSISTANT);
        assertThat(turn.content()).hasSize(2);
        assertThat(turn.content().get(0)).isEqualTo(new ThinkingContent(
                "Let me solve this step by step:\n\n1. First break down 27 * 453\n2. 453 = 400 + 50 + 3\n"
                        + "3. 27*400 = 10800; 27*50 = 1350; 27*3 = 81",
                "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"));
        assertThat(turn.content().get(1)).isEqualTo(TextContent.of("27 * 453 = 12,231"));
    }

    @Test
    void redactedThinkingIsKeptUnchanged() throws IOException {
        MessageParam turn = MessageParam.assistant(finalMessageOf("redacted-thinking"));

        assertThat(turn.content().get(0)).isInstanceOf(RedactedThinkingContent.class);
        assertThat(((RedactedThinkingContent) turn.content().get(0)).data()).startsWith("EmwKAhgBEgy3va3pzix");
    }

    @Test
    void textKeepsItsCitations() throws IOException {
        MessageParam turn = MessageParam.assistant(finalMessageOf("citations"));

        TextContent cited = (TextContent) turn.content().get(1);
        assertThat(cited.text()).isEqualTo("the grass is green");
        assertThat(cited.citations()).hasValueSatisfying(c ->
                assertThat(c.get(0).flatMap(x -> x.get("cited_text")).flatMap(JsonValue::asString)).contains("The grass is green."));
    }

    @Test
    void blocksWithFieldsBrookDoesNotModelStayRaw() throws IOException {
        MessageParam toolTurn = MessageParam.assistant(finalMessageOf("tool-use"));
        MessageParam unknownTurn = MessageParam.assistant(finalMessageOf("unknown-kinds"));

        assertThat(toolTurn.content().get(1)).isInstanceOf(RawContent.class); // tool_use with "caller"
        assertThat(((RawContent) toolTurn.content().get(1)).json().get("caller"))
                .contains(JsonValue.parse("{\"type\":\"direct\"}"));
        assertThat(unknownTurn.content()).extracting(RequestContent::type).containsExactly("text", "future_block");
        assertThat(unknownTurn.content()).allMatch(c -> c instanceof RawContent);
    }

    @Test
    void toolUseAndServerToolBlocksMapByKind() {
        Message message = Message.fromJson("""
                {"id":"msg_1","type":"message","role":"assistant","model":"m","stop_reason":"tool_use",
                 "stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1},
                 "content":[
                   {"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"tides"}},
                   {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[
                     {"type":"web_search_result","url":"https://example.com","title":"Tides",
                      "encrypted_content":"xyz","page_age":null}]},
                   {"type":"text","text":""},
                   {"type":"tool_use","id":"toolu_1","name":"get_tide","input":{"port":"Brest","precision":0.25}}]}
                """);

        MessageParam turn = MessageParam.assistant(message);

        assertThat(turn.content()).extracting(RequestContent::type)
                .containsExactly("server_tool_use", "web_search_tool_result", "tool_use");
        assertThat(turn.content().get(0)).isInstanceOf(RawContent.class);
        assertThat(turn.content().get(1)).isInstanceOf(RawContent.class);
        ToolUseContent use = (ToolUseContent) turn.content().get(2);
        assertThat(use.id()).isEqualTo("toolu_1");
        assertThat(use.name()).isEqualTo("get_tide");
        assertThat(use.input().toString()).isEqualTo("{\"port\":\"Brest\",\"precision\":0.25}");
        assertThat(turnJson(turn).get("content")).isEqualTo(tree("""
                [{"type":"server_tool_use","id":"srvtoolu_1","name":"web_search","input":{"query":"tides"}},
                 {"type":"web_search_tool_result","tool_use_id":"srvtoolu_1","content":[
                   {"type":"web_search_result","url":"https://example.com","title":"Tides",
                    "encrypted_content":"xyz","page_age":null}]},
                 {"type":"tool_use","id":"toolu_1","name":"get_tide","input":{"port":"Brest","precision":0.25}}]
                """));
    }

    @Test
    void messageWithNothingToSendIsRefused() {
        Message empty = Message.fromJson("""
                {"id":"msg_9","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":""}],
                 "stop_reason":"max_tokens","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":0}}
                """);

        assertThatIllegalArgumentException().isThrownBy(() -> MessageParam.assistant(empty))
                .withMessage("message msg_9 has no content to send back as an assistant turn (1 blocks, stop reason "
                        + "max_tokens); leave the turn out or add MessageParam.assistant(text) instead");
    }

    @Test
    void manualToolLoopTakesAFewLines() throws IOException {
        MessageRequest first = MessageRequest.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(1024)
                .addTool(Tool.of("write_file", "Writes a file", "{\"type\":\"object\"}"))
                .addUserMessage("Save my todo list.")
                .build();
        Message reply = finalMessageOf("tool-use-max-tokens");

        MessageRequest next = first.newBuilder()
                .addMessage(MessageParam.assistant(reply))
                .addMessage(MessageParam.toolResult("toolu_03", "saved"))
                .build();

        assertThat(tree(next.toJson(true))).isEqualTo(tree("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,
                 "tools":[{"name":"write_file","description":"Writes a file","input_schema":{"type":"object"}}],
                 "messages":[
                   {"role":"user","content":"Save my todo list."},
                   {"role":"assistant","content":[{"type":"tool_use","id":"toolu_03","name":"write_file",
                     "input":{"path":"notes/todo.md","tags":["home","urgent"],"content":"1. buy milk\\n2. call"}}]},
                   {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_03","content":"saved"}]}]}
                """));
    }
}
