package dev.brook.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRequestImmutabilityTest {

    private static MessageRequest.Builder base() {
        return MessageRequest.builder().model("claude-sonnet-4-5").maxTokens(1024);
    }

    @Test
    void returnedListsAndMapsAreUnmodifiable() {
        MessageRequest request = base()
                .addUserMessage("Hi")
                .systemBlocks(TextContent.of("s"))
                .addTool(Tool.of("t", "d", "{}"))
                .stopSequences(List.of("END"))
                .putExtraJson("x", "1")
                .build();

        assertThatThrownBy(() -> request.messages().add(MessageParam.user("more")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.tools().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.stopSequences().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.systemBlocks().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.extras().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.messages().get(0).content().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void builderChangesAfterBuildDoNotReachTheRequest() {
        MessageRequest.Builder builder = base().addUserMessage("Hi").addTool(Tool.of("t", "d", "{}"))
                .putExtraJson("x", "1");
        MessageRequest request = builder.build();
        byte[] before = request.toJson(false);

        builder.addAssistantMessage("Hello").addTool(Tool.of("u", "d", "{}")).model("other").maxTokens(5)
                .temperature(0.1).putExtraJson("y", "2").system("s");

        assertThat(request.toJson(false)).isEqualTo(before);
        assertThat(request.messages()).hasSize(1);
        assertThat(request.tools()).hasSize(1);
        assertThat(builder.build().messages()).hasSize(2);
    }

    @Test
    void newBuilderDerivesAVariantAndLeavesTheOriginal() {
        MessageRequest original = base().addUserMessage("Hi").temperature(0.5).build();

        MessageRequest variant = original.newBuilder().temperature(null).addAssistantMessage("Hello")
                .addUserMessage("Again").build();

        assertThat(original.messages()).hasSize(1);
        assertThat(original.temperature()).hasValue(0.5);
        assertThat(variant.messages()).hasSize(3);
        assertThat(variant.temperature()).isEmpty();
        assertThat(variant.model()).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void listsPassedInAreCopied() {
        List<MessageParam> messages = new ArrayList<>(List.of(MessageParam.user("Hi")));
        List<String> stops = new ArrayList<>(List.of("END"));
        List<RequestContent> blocks = new ArrayList<>(List.of(TextContent.of("a")));
        MessageParam param = MessageParam.user(blocks);
        MessageRequest request = base().messages(messages).stopSequences(stops).build();

        messages.add(MessageParam.assistant("x"));
        stops.clear();
        blocks.add(TextContent.of("b"));

        assertThat(request.messages()).hasSize(1);
        assertThat(request.stopSequences()).containsExactly("END");
        assertThat(param.content()).hasSize(1);
    }

    @Test
    void jsonGivenToARequestCannotChangeItLater() {
        Map<String, JsonValue> members = new java.util.LinkedHashMap<>();
        members.put("city", JsonValue.of("Lyon"));
        JsonValue.JsonObject input = new JsonValue.JsonObject(members);
        ToolUseContent use = new ToolUseContent("toolu_1", "f", input);
        Tool.Custom tool = Tool.of("f", "d", JsonValue.parse("{\"type\":\"object\"}"));
        MessageRequest request = base().addUserMessage("Hi").addMessage(MessageParam.assistant(use))
                .addTool(tool).putExtra("x", JsonValue.parse("{\"a\":1}")).build();
        byte[] before = request.toJson(false);

        members.put("city", JsonValue.of("Paris"));
        assertThatThrownBy(() -> ((JsonValue.JsonObject) use.input()).members().put("city", JsonValue.of("Nice")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> tool.inputSchema().members().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> request.extras().put("y", JsonValue.NULL)).isInstanceOf(UnsupportedOperationException.class);

        assertThat(request.toJson(false)).isEqualTo(before);
        assertThat(use.input()).isEqualTo(JsonValue.parse("{\"city\":\"Lyon\"}"));
    }

    @Test
    void withMethodsReturnCopies() {
        TextContent plain = TextContent.of("x");
        TextContent cached = plain.withCacheControl(CacheControl.ephemeral());
        ToolResult ok = ToolResult.of("t", "fine");
        ToolChoice auto = ToolChoice.auto();

        assertThat(plain.cacheControl()).isEmpty();
        assertThat(cached.cacheControl()).hasValue(CacheControl.ephemeral());
        assertThat(ok.withError(true).isError()).isTrue();
        assertThat(ok.isError()).isFalse();
        assertThat(auto.disableParallelToolUse().isParallelToolUseDisabled()).isTrue();
        assertThat(auto.isParallelToolUseDisabled()).isFalse();
    }

    @Test
    void toStringIsShortAndHidesContent() {
        MessageRequest request = base()
                .system("secret system prompt")
                .addUserMessage("my secret question")
                .addMessage(MessageParam.user(ImageContent.base64("image/png", "A".repeat(100_000))))
                .metadata(Metadata.ofUserId("user-42"))
                .thinking(ThinkingConfig.adaptive())
                .putExtra("service_tier", JsonValue.of("auto"))
                .build();

        String s = request.toString();

        assertThat(s).isEqualTo("MessageRequest{model=claude-sonnet-4-5, maxTokens=1024, messages=2, system, "
                + "thinking=adaptive, metadata, extras=[service_tier]}");
        assertThat(request.messages().get(1).toString()).isEqualTo("MessageParam{user: image}");
        assertThat(request.messages().get(1).content().get(0).toString()).hasSizeLessThan(120);
        assertThat(Metadata.ofUserId("user-42").toString()).doesNotContain("user-42");
    }
}
