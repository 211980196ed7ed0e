package dev.brook.core.request;

import static dev.brook.core.request.JsonAssert.assertBody;
import static dev.brook.core.request.JsonAssert.tree;
import static dev.brook.core.request.JsonAssert.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRequestJsonTest {

    private static MessageRequest.Builder base() {
        return MessageRequest.builder().model("claude-sonnet-4-5").maxTokens(1024);
    }

    @Test
    void plainTextRequestIsTheMinimalBody() {
        MessageRequest request = base().addUserMessage("Hello, Claude").build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "messages":[{"role":"user","content":"Hello, Claude"}]}
                """);
    }

    @Test
    void streamingAddsStreamTrueAndOtherwiseOmitsIt() {
        MessageRequest request = base().addUserMessage("Hi").build();

        assertThat(tree(request.toJson(true)).get("stream").booleanValue()).isTrue();
        assertThat(tree(request.toJson(false)).has("stream")).isFalse();
        assertBody(request, true, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "messages":[{"role":"user","content":"Hi"}],"stream":true}
                """);
    }

    @Test
    void bodyIsUtf8() {
        MessageRequest request = base().addUserMessage("Grüße, 世界 🌊").build();

        String body = new String(request.toJson(false), StandardCharsets.UTF_8);

        assertThat(body).contains("Grüße, 世界 🌊");
    }

    @Test
    void conversationKeepsTurnOrderAndRoles() {
        MessageRequest request = base()
                .addUserMessage("Why is the sky blue?")
                .addAssistantMessage("Rayleigh scattering.")
                .addMessage(MessageParam.user("And sunsets?"))
                .build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[
                  {"role":"user","content":"Why is the sky blue?"},
                  {"role":"assistant","content":"Rayleigh scattering."},
                  {"role":"user","content":"And sunsets?"}]}
                """);
    }

    @Test
    void severalBlocksOrTextWithOptionsAreSentAsAList() {
        MessageRequest request = base()
                .addMessage(MessageParam.user(TextContent.of("one"), TextContent.of("two")))
                .addMessage(MessageParam.assistant("ok"))
                .addMessage(MessageParam.user(TextContent.of("cached").withCacheControl(CacheControl.ephemeral())))
                .build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[
                  {"role":"user","content":[{"type":"text","text":"one"},{"type":"text","text":"two"}]},
                  {"role":"assistant","content":"ok"},
                  {"role":"user","content":[
                    {"type":"text","text":"cached","cache_control":{"type":"ephemeral"}}]}]}
                """);
    }

    @Test
    void systemAsString() {
        MessageRequest request = base().system("You answer in one sentence.").addUserMessage("Hi").build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"system":"You answer in one sentence.",
                 "messages":[{"role":"user","content":"Hi"}]}
                """);
    }

    @Test
    void systemAsBlocksWithCacheControl() {
        MessageRequest request = base()
                .systemBlocks(
                        TextContent.of("You are a librarian."),
                        TextContent.of("<the whole catalogue>").withCacheControl(CacheControl.ephemeral("1h")))
                .addUserMessage("Any books on rivers?")
                .build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "system":[{"type":"text","text":"You are a librarian."},
                           {"type":"text","text":"<the whole catalogue>",
                            "cache_control":{"type":"ephemeral","ttl":"1h"}}],
                 "messages":[{"role":"user","content":"Any books on rivers?"}]}
                """);
    }

    @Test
    void lastSystemSetterWins() {
        MessageRequest blocksThenString = base().systemBlocks(TextContent.of("a")).system("b")
                .addUserMessage("Hi").build();
        MessageRequest stringThenBlocks = base().system("b").systemBlocks(TextContent.of("a"))
                .addUserMessage("Hi").build();

        assertThat(tree(blocksThenString.toJson(false)).get("system")).isEqualTo(tree("\"b\""));
        assertThat(tree(stringThenBlocks.toJson(false)).get("system"))
                .isEqualTo(tree("[{\"type\":\"text\",\"text\":\"a\"}]"));
        assertThat(blocksThenString.systemBlocks()).isEmpty();
        assertThat(stringThenBlocks.systemText()).isEmpty();
    }

    @Test
    void customAndServerToolsWithToolChoice() {
        MessageRequest request = base()
                .addTool(Tool.of("get_weather", "Current weather for a city", """
                        {"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}
                        """))
                .addTool(Tool.raw("""
                        {"type":"web_search_20250305","name":"web_search","max_uses":3}
                        """))
                .toolChoice(ToolChoice.tool("get_weather").disableParallelToolUse())
                .addUserMessage("Weather in Lyon?")
                .build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "messages":[{"role":"user","content":"Weather in Lyon?"}],
                 "tools":[
                   {"name":"get_weather","description":"Current weather for a city",
                    "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                   {"type":"web_search_20250305","name":"web_search","max_uses":3}],
                 "tool_choice":{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}}
                """);
    }

    @Test
    void toolWithoutDescriptionAndWithCacheControl() {
        MessageRequest request = base()
                .tools(List.of(Tool.of("noop", value("{\"type\":\"object\"}"))
                        .withCacheControl(CacheControl.ephemeral())))
                .addUserMessage("Hi")
                .build();

        assertThat(tree(request.toJson(false)).get("tools")).isEqualTo(tree("""
                [{"name":"noop","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}]
                """));
    }

    @Test
    void eachToolChoiceKind() {
        assertThat(toolChoiceJson(ToolChoice.auto())).isEqualTo("{\"type\":\"auto\"}");
        assertThat(toolChoiceJson(ToolChoice.any())).isEqualTo("{\"type\":\"any\"}");
        assertThat(toolChoiceJson(ToolChoice.none())).isEqualTo("{\"type\":\"none\"}");
        assertThat(toolChoiceJson(ToolChoice.auto().disableParallelToolUse()))
                .isEqualTo("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");
        assertThat(toolChoiceJson(ToolChoice.any().disableParallelToolUse()))
                .isEqualTo("{\"type\":\"any\",\"disable_parallel_tool_use\":true}");
    }

    private static String toolChoiceJson(ToolChoice choice) {
        return tree(base().toolChoice(choice).addUserMessage("Hi").build().toJson(false))
                .get("tool_choice").toString();
    }

    @Test
    void thinkingEnabledWithBudget() {
        MessageRequest request = base().maxTokens(16000).thinking(ThinkingConfig.enabled(10000))
                .addUserMessage("Prove it.").build();

        assertBody(request, true, """
                {"model":"claude-sonnet-4-5","max_tokens":16000,
                 "thinking":{"type":"enabled","budget_tokens":10000},
                 "messages":[{"role":"user","content":"Prove it."}],"stream":true}
                """);
    }

    @Test
    void thinkingAdaptiveAndDisabled() {
        MessageRequest adaptive = base().thinking(ThinkingConfig.adaptive()).addUserMessage("Hi").build();
        MessageRequest disabled = base().thinking(ThinkingConfig.disabled()).addUserMessage("Hi").build();

        assertThat(tree(adaptive.toJson(false)).get("thinking")).isEqualTo(tree("{\"type\":\"adaptive\"}"));
        assertThat(tree(disabled.toJson(false)).get("thinking")).isEqualTo(tree("{\"type\":\"disabled\"}"));
    }

    @Test
    void samplingOptionsStopSequencesAndMetadata() {
        MessageRequest request = base()
                .temperature(0.2)
                .topP(0.9)
                .topK(40)
                .stopSequences(List.of("\n\nHuman:", "END"))
                .metadata(Metadata.ofUserId("a1b2c3"))
                .addUserMessage("Hi")
                .build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "messages":[{"role":"user","content":"Hi"}],
                 "temperature":0.2,"top_p":0.9,"top_k":40,
                 "stop_sequences":["\\n\\nHuman:","END"],
                 "metadata":{"user_id":"a1b2c3"}}
                """);
    }

    @Test
    void boundaryTemperaturesAreSent() {
        MessageRequest zero = base().temperature(0.0).addUserMessage("Hi").build();
        MessageRequest one = base().temperature(1.0).addUserMessage("Hi").build();

        assertThat(tree(zero.toJson(false)).get("temperature").doubleValue()).isEqualTo(0.0);
        assertThat(tree(one.toJson(false)).get("temperature").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void imageFromBytesAndFromUrl() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        MessageRequest request = base()
                .addMessage(MessageParam.user(
                        ImageContent.base64("image/png", png),
                        ImageContent.url("https://example.com/cat.jpg").withCacheControl(CacheControl.ephemeral()),
                        TextContent.of("Compare these.")))
                .build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw=="}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"},
                   "cache_control":{"type":"ephemeral"}},
                  {"type":"text","text":"Compare these."}]}]}
                """);
    }

    @Test
    void documentsFromPdfPlainTextAndUrlWithOptions() {
        MessageRequest request = base()
                .addMessage(MessageParam.user(
                        DocumentContent.pdf("%PDF".getBytes(StandardCharsets.US_ASCII))
                                .withTitle("Q3 report").withContext("Internal").withCitations(true),
                        DocumentContent.plainText("The grass is green.").withCitations(false),
                        DocumentContent.url("https://example.com/paper.pdf")
                                .withCacheControl(CacheControl.ephemeral()),
                        DocumentContent.of(MediaSource.raw(value("{\"type\":\"file\",\"file_id\":\"file_01\"}"))),
                        TextContent.of("Summarise.")))
                .build();

        assertBody(request, false, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":[
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERg=="},
                   "title":"Q3 report","context":"Internal","citations":{"enabled":true}},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"The grass is green."},
                   "citations":{"enabled":false}},
                  {"type":"document","source":{"type":"url","url":"https://example.com/paper.pdf"},
                   "cache_control":{"type":"ephemeral"}},
                  {"type":"document","source":{"type":"file","file_id":"file_01"}},
                  {"type":"text","text":"Summarise."}]}]}
                """);
    }

    @Test
    void manualToolLoopWithThinkingToolUseAndResults() {
        MessageRequest first = base()
                .thinking(ThinkingConfig.enabled(2048))
                .addTool(Tool.of("get_weather", "Weather", "{\"type\":\"object\"}"))
                .addTool(Tool.of("get_time", "Time", "{\"type\":\"object\"}"))
                .addUserMessage("Weather and time in Lyon?")
                .build();

        ToolUseContent weather = ToolUseContent.of("toolu_01", "get_weather", "{\"city\":\"Lyon\"}");
        ToolUseContent time = new ToolUseContent("toolu_02", "get_time", value("{\"tz\":\"Europe/Paris\"}"));
        MessageRequest second = first.newBuilder()
                .addMessage(MessageParam.assistant(
                        new ThinkingContent("Two tools needed.", "sig-abc"),
                        new RedactedThinkingContent("ENCRYPTED"),
                        TextContent.of("Let me check."),
                        weather,
                        time))
                .addMessage(MessageParam.user(List.of(
                        ToolResult.of(weather.id(), "15°C, light rain"),
                        ToolResult.error(time.id(), "clock unavailable"))))
                .build();

        assertBody(second, true, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "thinking":{"type":"enabled","budget_tokens":2048},
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object"}},
                          {"name":"get_time","description":"Time","input_schema":{"type":"object"}}],
                 "messages":[
                   {"role":"user","content":"Weather and time in Lyon?"},
                   {"role":"assistant","content":[
                     {"type":"thinking","thinking":"Two tools needed.","signature":"sig-abc"},
                     {"type":"redacted_thinking","data":"ENCRYPTED"},
                     {"type":"text","text":"Let me check."},
                     {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Lyon"}},
                     {"type":"tool_use","id":"toolu_02","name":"get_time","input":{"tz":"Europe/Paris"}}]},
                   {"role":"user","content":[
                     {"type":"tool_result","tool_use_id":"toolu_01","content":"15°C, light rain"},
                     {"type":"tool_result","tool_use_id":"toolu_02","content":"clock unavailable","is_error":true}]}],
                 "stream":true}
                """);
        assertThat(first.messages()).hasSize(1);
    }

    @Test
    void toolResultInOneCallAndWithBlockContent() {
        MessageRequest request = base()
                .addUserMessage("Chart?")
                .addMessage(MessageParam.assistant(ToolUseContent.of("toolu_9", "chart", "{}")))
                .addMessage(MessageParam.user(
                        ToolResult.of("toolu_9", TextContent.of("Here:"), ImageContent.base64("image/png", "AAAA"))
                                .withCacheControl(CacheControl.ephemeral())))
                .addMessage(MessageParam.assistant("Done."))
                .addMessage(MessageParam.toolResult("toolu_10", "ok"))
                .addMessage(MessageParam.assistant("Again."))
                .addMessage(MessageParam.toolError("toolu_11", "boom"))
                .addMessage(MessageParam.assistant("Empty."))
                .addMessage(MessageParam.user(ToolResult.of("toolu_12", List.of())))
                .build();

        assertThat(tree(request.toJson(false)).get("messages")).isEqualTo(tree("""
                [{"role":"user","content":"Chart?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_9","name":"chart","input":{}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","content":[
                    {"type":"text","text":"Here:"},
                    {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}],
                   "cache_control":{"type":"ephemeral"}}]},
                 {"role":"assistant","content":"Done."},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_10","content":"ok"}]},
                 {"role":"assistant","content":"Again."},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_11","content":"boom",
                    "is_error":true}]},
                 {"role":"assistant","content":"Empty."},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_12","content":[]}]}]
                """));
    }

    @Test
    void textWithCitationsIsSentBack() {
        String citations = """
                [{"type":"char_location","cited_text":"green","document_index":0,
                  "start_char_index":13,"end_char_index":18}]
                """;
        MessageRequest request = base()
                .addUserMessage("Colour?")
                .addMessage(MessageParam.assistant(TextContent.of("Green.").withCitations(value(citations))))
                .addUserMessage("Sure?")
                .build();

        assertThat(tree(request.toJson(false)).get("messages").get(1)).isEqualTo(tree(
                "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Green.\",\"citations\":"
                        + citations + "}]}"));
    }

    @Test
    void rawBlocksAreSentAsGiven() {
        String searchResult = """
                {"type":"search_result","source":"https://example.com","title":"T",
                 "content":[{"type":"text","text":"x"}]}
                """;
        MessageRequest request = base()
                .addMessage(MessageParam.user(RequestContent.raw(searchResult), RequestContent.text("Use it.")))
                .build();

        assertThat(tree(request.toJson(false)).get("messages").get(0).get("content").get(0))
                .isEqualTo(tree(searchResult));
    }

    @Test
    void extraFieldsAreWrittenAsGiven() {
        MessageRequest request = base()
                .addUserMessage("Hi")
                .putExtra("service_tier", JsonValue.of("auto"))
                .putExtraJson("context_management", "{\"edits\":[{\"type\":\"clear_tool_uses_20250919\"}]}")
                .putExtraJson("thinking", "{\"type\":\"adaptive\",\"display\":\"summarized\"}")
                .build();

        assertBody(request, true, """
                {"model":"claude-sonnet-4-5","max_tokens":1024,"messages":[{"role":"user","content":"Hi"}],
                 "service_tier":"auto",
                 "context_management":{"edits":[{"type":"clear_tool_uses_20250919"}]},
                 "thinking":{"type":"adaptive","display":"summarized"},
                 "stream":true}
                """);
        assertThat(request.extras()).containsOnlyKeys("service_tier", "context_management", "thinking");
    }

    @Test
    void rawJsonNumbersAreSentExactlyAsGiven() {
        MessageRequest request = base().addUserMessage("Hi")
                .putExtraJson("x", "{\"v\":0.70,\"w\":3.14159265358979323846264338327950288}")
                .build();

        assertThat(new String(request.toJson(false), StandardCharsets.UTF_8))
                .contains("\"x\":{\"v\":0.70,\"w\":3.14159265358979323846264338327950288}");
    }

    @Test
    void removedExtraIsNotWritten() {
        MessageRequest request = base().addUserMessage("Hi")
                .putExtraJson("service_tier", "\"auto\"").removeExtra("service_tier").build();

        assertThat(tree(request.toJson(false)).has("service_tier")).isFalse();
    }

    @Test
    void equalRequestsGiveEqualBodies() {
        MessageRequest a = base().addUserMessage("Hi").temperature(0.5).build();
        MessageRequest b = base().addUserMessage("Hi").temperature(0.5).build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toJson(true)).isEqualTo(b.toJson(true));
        assertThat(a.newBuilder().build()).isEqualTo(a);
    }
}
