package dev.brook.core.request;

import static dev.brook.core.request.JsonAssert.tree;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.brook.core.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRequestValidationTest {

    private static MessageRequest.Builder valid() {
        return MessageRequest.builder().model("claude-sonnet-4-5").maxTokens(1024).addUserMessage("Hi");
    }

    @Test
    void missingModelNamesTheBuilderCall() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MessageRequest.builder().maxTokens(1024).addUserMessage("Hi").build())
                .withMessage("model is required: call MessageRequest.builder().model(\"claude-...\")");
    }

    @Test
    void blankModelIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageRequest.builder().model(" "))
                .withMessage("model is blank: pass a model id such as \"claude-sonnet-4-5\"");
        assertThatNullPointerException().isThrownBy(() -> MessageRequest.builder().model(null))
                .withMessage("model");
    }

    @Test
    void missingMaxTokensNamesTheBuilderCall() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MessageRequest.builder().model("m").addUserMessage("Hi").build())
                .withMessage("maxTokens is required: call MessageRequest.builder().maxTokens(1024)");
    }

    @Test
    void nonPositiveMaxTokensIsRefusedWithTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageRequest.builder().maxTokens(0))
                .withMessage("maxTokens must be > 0, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> MessageRequest.builder().maxTokens(-5))
                .withMessage("maxTokens must be > 0, was -5");
    }

    @Test
    void noMessagesIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MessageRequest.builder().model("m").maxTokens(10).build())
                .withMessage("messages is empty: add at least one, e.g. "
                        + "MessageRequest.builder().addUserMessage(\"Hello\")");
        assertThatIllegalStateException()
                .isThrownBy(() -> valid().messages(List.of()).build())
                .withMessageStartingWith("messages is empty");
    }

    @Test
    void temperatureOutOfRangeIsRefusedWithTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().temperature(1.5))
                .withMessage("temperature must be between 0.0 and 1.0, was 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().temperature(-0.1))
                .withMessage("temperature must be between 0.0 and 1.0, was -0.1");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().temperature(Double.NaN))
                .withMessage("temperature must be between 0.0 and 1.0, was NaN");
    }

    @Test
    void topPAndTopKOutOfRangeAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().topP(1.01))
                .withMessage("topP must be between 0.0 and 1.0, was 1.01");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().topK(-1))
                .withMessage("topK must be >= 0, was -1");
    }

    @Test
    void nullRemovesAnOptionalValue() {
        MessageRequest request = valid().temperature(0.3).temperature(null).topK(5).topK(null)
                .system("s").system(null).thinking(ThinkingConfig.adaptive()).thinking(null).build();

        org.assertj.core.api.Assertions.assertThat(tree(request.toJson(false)).fieldNames())
                .toIterable().containsExactly("model", "max_tokens", "messages");
    }

    @Test
    void extraFieldCannotTakeAFieldTheRequestAlwaysWrites() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().putExtra("stream", JsonValue.of("x")))
                .withMessage("extra field 'stream' is always written by the request; "
                        + "streaming is chosen by toJson(stream) or the client");
        assertThatIllegalArgumentException().isThrownBy(() -> valid().putExtraJson("model", "\"x\""))
                .withMessage("extra field 'model' is always written by the request; set it with its builder method");
    }

    @Test
    void extraFieldClashingWithASetFieldFailsAtBuild() {
        assertThatIllegalStateException()
                .isThrownBy(() -> valid().temperature(0.5).putExtraJson("temperature", "0.7").build())
                .withMessage("extra field 'temperature' clashes with the temperature set on the builder; "
                        + "remove one of them");
    }

    @Test
    void extraFieldWithInvalidJsonIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> valid().putExtraJson("x", "{oops"))
                .withMessageStartingWith("extra field 'x' is not valid JSON: ");
    }

    @Test
    void contentBlocksCheckTheirArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageParam.user(List.of()))
                .withMessage("a user message needs at least one content block");
        assertThatIllegalArgumentException().isThrownBy(MessageParam::assistant)
                .withMessage("a assistant message needs at least one content block");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ToolResult.of("toolu_1", ToolUseContent.of("toolu_2", "f", "{}")))
                .withMessage("a tool_result cannot hold a tool_use block; use text, image, document or raw blocks");
        assertThatIllegalArgumentException().isThrownBy(() -> ToolResult.of(" ", "x"))
                .withMessage("toolUseId is blank; pass the id of the tool_use block answered");
        assertThatIllegalArgumentException().isThrownBy(() -> ImageContent.of(MediaSource.plainText("x")))
                .withMessage("an image cannot have a plain-text source; use DocumentContent.plainText(...) for text");
        assertThatIllegalArgumentException().isThrownBy(() -> RawContent.parse("{\"text\":\"no type\"}"))
                .withMessageStartingWith("content block needs a string \"type\" field");
        assertThatIllegalArgumentException().isThrownBy(() -> ToolUseContent.of("id", "f", "[1]"))
                .withMessage("tool_use input must be a JSON object, was array: [1]");
        assertThatIllegalArgumentException().isThrownBy(() -> Tool.raw("\"web_search\""))
                .withMessage("tool must be a JSON object, was string: \"web_search\"");
        assertThatIllegalArgumentException().isThrownBy(() -> ThinkingConfig.enabled(0))
                .withMessage("budgetTokens must be > 0, was 0; the API requires at least 1024");
        assertThatIllegalStateException().isThrownBy(() -> ToolChoice.none().disableParallelToolUse())
                .withMessage("tool_choice none takes no disable_parallel_tool_use");
        assertThatNullPointerException().isThrownBy(() -> MessageParam.user((String) null)).withMessage("text");
    }
}
