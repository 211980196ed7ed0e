package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.event.CodeExecutionToolResultBlock;
import dev.brook.core.event.CompactionBlock;
import dev.brook.core.event.ContainerUploadBlock;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.FallbackBlock;
import dev.brook.core.event.McpToolResultBlock;
import dev.brook.core.event.McpToolUseBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.ServerToolResultBlock;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.TextBlock;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.event.UnknownBlock;
import dev.brook.core.event.Usage;
import dev.brook.core.event.WebSearchToolResultBlock;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelJsonTest {
    static JsonNode node(String s) throws IOException {
        return Json.mapper().readTree(s);
    }

    static JsonValue tree(String s) throws IOException {
        return JsonValue.parse(s);
    }

    @Test
    void textBlockKeepsAbsentCitationsAbsentAndEmptyCitationsEmpty() throws IOException {
        ContentBlock absent = ContentBlock.fromJson(tree("{\"type\": \"text\", \"text\": \"a\"}"));
        ContentBlock empty = ContentBlock.fromJson(tree("{\"type\": \"text\", \"text\": \"a\", \"citations\": []}"));
        ContentBlock nul = ContentBlock.fromJson(tree("{\"type\": \"text\", \"text\": \"a\", \"citations\": null}"));
        assertThat(absent).isEqualTo(new TextBlock("a"));
        assertThat(empty).isEqualTo(new TextBlock("a", Optional.of(List.of()), Map.of()));
        assertThat(tree(absent.toJson())).isEqualTo(tree("{\"type\": \"text\", \"text\": \"a\"}"));
        assertThat(tree(empty.toJson())).isEqualTo(tree("{\"type\": \"text\", \"text\": \"a\", \"citations\": []}"));
        assertThat(tree(nul.toJson())).isEqualTo(tree("{\"type\": \"text\", \"text\": \"a\", \"citations\": null}"));
    }

    @Test
    void everyBlockKindRoundTrips() throws IOException {
        String[] blocks = {
            "{\"type\": \"tool_use\", \"id\": \"t\", \"name\": \"n\", \"input\": {\"a\": [1.50, 2]}, \"caller\": {\"type\": \"direct\"}}",
            "{\"type\": \"server_tool_use\", \"id\": \"s\", \"name\": \"web_search\", \"input\": {}}",
            "{\"type\": \"thinking\", \"thinking\": \"hm\", \"signature\": \"sig\"}",
            "{\"type\": \"thinking\", \"thinking\": \"no signature\"}",
            "{\"type\": \"redacted_thinking\", \"data\": \"xyz\"}",
            "{\"type\": \"code_execution_tool_result\", \"tool_use_id\": \"s\", \"content\": {\"stdout\": \"\"}}",
            "{\"type\": \"mcp_tool_result\", \"tool_use_id\": \"s\", \"is_error\": false}",
            "{\"type\": \"mcp_tool_use\", \"id\": \"m\", \"name\": \"n\", \"server_name\": \"srv\", \"input\": {\"q\": 1}}",
            "{\"type\": \"mcp_tool_result\", \"tool_use_id\": \"m\", \"is_error\": true, \"content\": \"boom\"}",
            "{\"type\": \"container_upload\", \"file_id\": \"file_1\"}",
            "{\"type\": \"compaction\", \"content\": null}",
            "{\"type\": \"compaction\", \"content\": \"summary\", \"x\": 1}",
            "{\"type\": \"fallback\", \"from\": {\"model\": \"claude-opus-4-6\"}, \"to\": {\"model\": \"claude-sonnet-4-6\"}, \"trigger\": {\"type\": \"refusal\", \"category\": null}}",
            "{\"type\": \"future_tool_result\", \"tool_use_id\": \"f\", \"content\": [1]}",
            "{\"type\": \"web_search_tool_result\", \"tool_use_id\": \"w\", \"content\": {\"type\": \"web_search_tool_result_error\", \"error_code\": \"max_uses_exceeded\"}}",
            "{\"type\": \"future\", \"anything\": [null, {}]}",
            "{\"no_type\": true}"
        };
        for (String json : blocks) {
            ContentBlock b = ContentBlock.fromJson(tree(json));
            assertThat(tree(b.toJson())).as(json).isEqualTo(tree(json));
        }
        assertThat(ContentBlock.fromJson(tree(blocks[0]))).isInstanceOf(ToolUseBlock.class);
        assertThat(ContentBlock.fromJson(tree(blocks[5]))).isInstanceOf(CodeExecutionToolResultBlock.class);
        assertThat(ContentBlock.fromJson(tree(blocks[6]))).as("no content: kept raw").isInstanceOf(UnknownBlock.class);
        assertThat(ContentBlock.fromJson(tree(blocks[7]))).isEqualTo(new McpToolUseBlock("m", "n", "srv",
                tree("{\"q\": 1}"), Map.of()));
        assertThat(((McpToolResultBlock) ContentBlock.fromJson(tree(blocks[8]))).text()).isEqualTo("boom");
        assertThat(ContentBlock.fromJson(tree(blocks[9]))).isEqualTo(new ContainerUploadBlock("file_1", Map.of()));
        assertThat(ContentBlock.fromJson(tree(blocks[10]))).isEqualTo(new CompactionBlock(Optional.empty(), Map.of()));
        assertThat(((CompactionBlock) ContentBlock.fromJson(tree(blocks[11]))).content()).contains("summary");
        assertThat(ContentBlock.fromJson(tree(blocks[12]))).isInstanceOfSatisfying(FallbackBlock.class, f -> {
            assertThat(f.fromModel()).isEqualTo("claude-opus-4-6");
            assertThat(f.toModel()).isEqualTo("claude-sonnet-4-6");
            assertThat(f.triggerCategory()).as("a null category").isEmpty();
        });
        assertThat(ContentBlock.fromJson(tree(blocks[13]))).isInstanceOf(ServerToolResultBlock.class);
        assertThat(((WebSearchToolResultBlock) ContentBlock.fromJson(tree(blocks[14]))).errorCode())
                .contains("max_uses_exceeded");
        assertThat(((WebSearchToolResultBlock) ContentBlock.fromJson(tree(blocks[14]))).results()).isEmpty();
        assertThat(ContentBlock.fromJson(tree(blocks[15]))).isInstanceOf(UnknownBlock.class);
        assertThat(ContentBlock.fromJson(tree(blocks[15])).unknownFields()).containsOnlyKeys("anything");
    }

    @Test
    void messageBuilderAndJsonAgree() throws IOException {
        Message m = Message.builder().id("msg_1").model("claude").addContent(new TextBlock("hi"))
                .stopReason(StopReason.END_TURN).usage(Usage.of(3, 4))
                .unknownField("container", JsonValue.NULL).build();
        assertThat(tree(m.toJson())).isEqualTo(tree("{\"id\": \"msg_1\", \"type\": \"message\", \"role\": \"assistant\","
                + " \"model\": \"claude\", \"content\": [{\"type\": \"text\", \"text\": \"hi\"}], \"stop_reason\": \"end_turn\","
                + " \"stop_sequence\": null, \"usage\": {\"input_tokens\": 3, \"output_tokens\": 4}, \"container\": null}"));
        assertThat(Message.fromJson(m.toJson())).isEqualTo(m);
        assertThat(m.newBuilder().build()).isEqualTo(m);
        assertThat(m.text()).isEqualTo("hi");
        assertThatThrownBy(() -> Message.builder().unknownField("usage", JsonValue.NULL))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.fromJson("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Message.fromJson("{\"id\": ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopReasonIsAnOpenSetWithValueEquality() {
        assertThat(StopReason.of("end_turn")).isSameAs(StopReason.END_TURN);
        assertThat(StopReason.of("pause_turn")).isSameAs(StopReason.PAUSE_TURN);
        assertThat(StopReason.of("new_reason")).isEqualTo(StopReason.of("new_reason"));
        assertThat(StopReason.of("new_reason").hashCode()).isEqualTo(StopReason.of("new_reason").hashCode());
        assertThat(StopReason.of("new_reason").isKnown()).isFalse();
        assertThat(StopReason.REFUSAL.isKnown()).isTrue();
        assertThat(StopReason.of("new_reason").toString()).isEqualTo("new_reason");
    }

    @Test
    void usageMergeAndAccessors() throws IOException {
        Usage u = ModelJson.usage(node("{\"input_tokens\": 1, \"output_tokens\": 2, \"cache_read_input_tokens\": null,"
                + " \"service_tier\": \"standard\", \"future\": 1}"));
        assertThat(u.cacheReadInputTokens()).isEmpty();
        assertThat(u.serviceTier()).contains("standard");
        assertThat(u.unknownFields()).containsOnlyKeys("future");
        Usage merged = u.merge(ModelJson.usage(node("{\"output_tokens\": 9, \"input_tokens\": null, \"cache_read_input_tokens\": 4}")));
        assertThat(merged.inputTokens()).isEqualTo(1);
        assertThat(merged.outputTokens()).isEqualTo(9);
        assertThat(merged.cacheReadInputTokens()).hasValue(4);
    }
}
