package dev.brook.core.accumulate;

import static dev.brook.core.accumulate.FixtureConformanceTest.fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.event.BashCodeExecutionToolResultBlock;
import dev.brook.core.event.Citation;
import dev.brook.core.event.CodeExecutionToolResultBlock;
import dev.brook.core.event.CompactionBlock;
import dev.brook.core.event.ContainerUploadBlock;
import dev.brook.core.event.FallbackBlock;
import dev.brook.core.event.McpToolResultBlock;
import dev.brook.core.event.McpToolUseBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.TextBlock;
import dev.brook.core.event.TextEditorCodeExecutionToolResultBlock;
import dev.brook.core.event.ToolSearchToolResultBlock;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.event.Usage;
import dev.brook.core.event.WebFetchToolResultBlock;
import dev.brook.core.event.WebSearchToolResultBlock;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed view of today's stream kinds, read from Brook's own fixtures through the real decoder. */
class StreamKindsTest {
    private static Message decode(String fixture) throws IOException {
        byte[] sse = Files.readAllBytes(fixtures().resolve(fixture + ".sse"));
        List<StreamEvent> events = new ArrayList<>();
        MessageStreamDecoder decoder = new MessageStreamDecoder(events::add);
        decoder.feed(sse, 0, sse.length);
        return decoder.end();
    }

    @Test
    void mcpToolUseGetsItsStreamedInputAndItsResultIsTyped() throws IOException {
        Message m = decode("mcp-tool-use");
        McpToolUseBlock use = (McpToolUseBlock) m.content().get(1);
        assertThat(use.serverName()).isEqualTo("tracker");
        assertThat(use.input()).isEqualTo(JsonValue.parse(
                "{\"query\": \"label:bug state:open\", \"limit\": 5, \"fields\": [\"title\", \"url\"]}"));
        McpToolResultBlock result = (McpToolResultBlock) m.content().get(2);
        assertThat(result.toolUseId()).isEqualTo(use.id());
        assertThat(result.isError()).isFalse();
        assertThat(result.text()).startsWith("3 open bugs");
    }

    @Test
    void compactionGrowsByItsDeltas() throws IOException {
        CompactionBlock c = (CompactionBlock) decode("compaction").content().get(0);
        assertThat(c.content()).hasValueSatisfying(s -> assertThat(s).startsWith("Summary of the conversation")
                .endsWith("Windows paths."));
    }

    @Test
    void contextManagementStopDetailsAndContainerLandOnTheMessage() throws IOException {
        assertThat(decode("context-management").contextManagement().flatMap(v -> v.get("applied_edits"))
                .flatMap(a -> a.get(0)).flatMap(e -> e.get("cleared_tool_uses"))).contains(JsonValue.of(8));
        Message refusal = decode("refusal-stop-details");
        assertThat(refusal.stopReason()).contains(StopReason.REFUSAL);
        assertThat(refusal.stopDetails()).hasValueSatisfying(d -> {
            assertThat(d.type()).isEqualTo("refusal");
            assertThat(d.category()).contains("cyber");
            assertThat(d.explanation()).hasValueSatisfying(e -> assertThat(e).contains("exploit"));
        });
        assertThat(decode("server-tool-results").container().flatMap(c -> c.get("id")).flatMap(JsonValue::asString))
                .contains("container_011CPR5CNjB747bTd36fQLFk");
    }

    @Test
    void aFallbackBlockSwitchesTheMessagesModel() throws IOException {
        Message m = decode("fallback");
        assertThat(m.model()).isEqualTo("claude-sonnet-4-6");
        FallbackBlock fallback = (FallbackBlock) m.content().get(1);
        assertThat(fallback.fromModel()).isEqualTo("claude-opus-4-6");
        assertThat(fallback.toModel()).isEqualTo("claude-sonnet-4-6");
        assertThat(fallback.triggerCategory()).contains("cyber");
        assertThat(m.text()).isEqualTo("Here is how the reaction works in general terms.");
    }

    @Test
    void nullsInALaterMessageDeltaOverwriteNothing() throws IOException {
        Message m = decode("start-content-and-null-deltas");
        assertThat(m.stopReason()).contains(StopReason.PAUSE_TURN);
        assertThat(m.container()).isPresent();
        assertThat(m.usage().inputTokens()).isEqualTo(80);
        assertThat(m.usage().outputTokens()).isEqualTo(15);
        assertThat(m.text()).isEqualTo("the second half of the answer.");
        assertThat(m.content().get(0).type()).isEqualTo("thinking");
    }

    @Test
    void serverToolResultsAreTyped() throws IOException {
        Message m = decode("server-tool-results");
        assertThat(((ContainerUploadBlock) m.content().get(1)).fileId()).isEqualTo("file_011CNha8iCJcU1wXNR6q4V8w");
        BashCodeExecutionToolResultBlock bash = (BashCodeExecutionToolResultBlock) m.content().get(3);
        assertThat(bash.stdout()).contains("1201 data.csv\n");
        assertThat(bash.stderr()).contains("");
        assertThat(bash.returnCode()).hasValue(0);
        assertThat(bash.errorCode()).isEmpty();
        CodeExecutionToolResultBlock code = (CodeExecutionToolResultBlock) m.content().get(5);
        assertThat(code.stdout()).contains("value    41.5\n");
        assertThat(code.fileIds()).containsExactly("file_011PlotPng");
        TextEditorCodeExecutionToolResultBlock view = (TextEditorCodeExecutionToolResultBlock) m.content().get(7);
        assertThat(view.resultType()).isEqualTo("text_editor_code_execution_view_result");
        assertThat(view.fileContent()).contains("# Notes\nmean is stable\n");
        assertThat(view.numLines()).hasValue(2);
        assertThat(view.totalLines()).hasValue(2);
        assertThat(view.errorMessage()).isEmpty();
        WebFetchToolResultBlock fetch = (WebFetchToolResultBlock) m.content().get(9);
        assertThat(fetch.url()).contains("https://example.com/spec");
        assertThat(fetch.retrievedAt()).contains("2026-11-30T10:00:00Z");
        assertThat(fetch.document().flatMap(d -> d.get("title"))).contains(JsonValue.of("Spec"));
        assertThat(((ToolSearchToolResultBlock) m.content().get(11)).toolNames()).containsExactly("get_weather");
        CodeExecutionToolResultBlock failed = (CodeExecutionToolResultBlock) m.content().get(13);
        assertThat(failed.errorCode()).contains("execution_time_exceeded");
        assertThat(failed.stdout()).isEmpty();
        assertThat(failed.returnCode()).isEmpty();
        WebSearchToolResultBlock search = (WebSearchToolResultBlock) decodeWebSearch().content().get(2);
        assertThat(search.results()).singleElement().satisfies(r -> {
            assertThat(r.url()).isEqualTo("https://example.com/weather/nyc");
            assertThat(r.pageAge()).contains("January 16, 2026");
        });
    }

    private static Message decodeWebSearch() throws IOException {
        return decode("web-search");
    }

    @Test
    void citationsAreTypedByKindAndKeptAsSent() throws IOException {
        TextBlock cited = (TextBlock) decode("citations").content().get(1);
        assertThat(cited.typedCitations()).first().isInstanceOfSatisfying(Citation.CharLocation.class, c -> {
            assertThat(c.citedText()).isEqualTo("The grass is green.");
            assertThat(c.documentIndex()).isZero();
            assertThat(c.documentTitle()).contains("Facts");
            assertThat(c.startCharIndex()).isZero();
            assertThat(c.endCharIndex()).isEqualTo(20);
            assertThat(c.raw()).isEqualTo(cited.citations().orElseThrow().get(0));
        });
        assertThat(Citation.of(JsonValue.parse("{\"type\": \"page_location\", \"cited_text\": \"p\","
                + " \"document_index\": 1, \"start_page_number\": 2, \"end_page_number\": 3}")))
                .isInstanceOfSatisfying(Citation.PageLocation.class, c -> assertThat(c.endPageNumber()).isEqualTo(3));
        assertThat(Citation.of(JsonValue.parse("{\"type\": \"content_block_location\", \"cited_text\": \"b\","
                + " \"document_index\": 0, \"start_block_index\": 0, \"end_block_index\": 2}")))
                .isInstanceOf(Citation.ContentBlockLocation.class);
        assertThat(Citation.of(JsonValue.parse("{\"type\": \"web_search_result_location\", \"cited_text\": \"w\","
                + " \"url\": \"https://example.com\", \"title\": \"T\", \"encrypted_index\": \"Eo8B\"}")))
                .isInstanceOfSatisfying(Citation.WebSearchResultLocation.class,
                        c -> assertThat(c.url()).isEqualTo("https://example.com"));
        assertThat(Citation.of(JsonValue.parse("{\"type\": \"search_result_location\", \"cited_text\": \"s\","
                + " \"source\": \"kb://1\", \"search_result_index\": 0, \"start_block_index\": 0,"
                + " \"end_block_index\": 1}")))
                .isInstanceOfSatisfying(Citation.SearchResultLocation.class, c -> assertThat(c.source()).isEqualTo("kb://1"));
        // A known kind missing a required field, and a future kind, stay whole as Other.
        assertThat(Citation.of(JsonValue.parse("{\"type\": \"char_location\", \"cited_text\": \"x\"}")))
                .isInstanceOfSatisfying(Citation.Other.class, c -> assertThat(c.type()).isEqualTo("char_location"));
        assertThat(Citation.of(JsonValue.parse("{\"type\": \"future_location\"}"))).isInstanceOf(Citation.Other.class);
    }

    @Test
    void theNewerUsageFieldsAreTyped() throws IOException {
        Usage u = decode("server-tool-results").usage();
        assertThat(u.cacheCreation5mInputTokens()).hasValue(1024);
        assertThat(u.cacheCreation1hInputTokens()).hasValue(0);
        assertThat(u.webSearchRequests()).hasValue(0);
        assertThat(u.webFetchRequests()).hasValue(1);
        assertThat(u.serviceTier()).contains("standard");
        assertThat(u.inferenceGeo()).contains("us");
        assertThat(u.thinkingTokens()).hasValue(0);
        assertThat(u.iterations()).isPresent();
        assertThat(u.unknownFields()).isEmpty();
    }

    @Test
    void aToolInputThatNeverCompletesIsKeptAsTextAndMarkedIncomplete() throws IOException {
        ToolUseBlock eager = (ToolUseBlock) decode("tool-input-invalid-json").content().get(1);
        assertThat(eager.inputComplete()).isFalse();
        assertThat(eager.inputJson()).isEqualTo("{\"path\": \"notes.txt\", \"lines\": 3, \"content\": \"first line\\nsecond");
        assertThat(eager.input()).isEqualTo(JsonValue.parse(
                "{\"path\": \"notes.txt\", \"lines\": 3, \"content\": \"first line\\nsecond\"}"));
        ToolUseBlock complete = (ToolUseBlock) decode("tool-use").content().get(1);
        assertThat(complete.inputComplete()).isTrue();
        assertThat(JsonValue.parse(complete.inputJson())).isEqualTo(complete.input());
        assertThat(complete.callerType()).contains("direct");
        ToolUseBlock cut = (ToolUseBlock) decode("tool-use-max-tokens").content().get(0);
        assertThat(cut.inputComplete()).as("cut by max_tokens").isFalse();
        assertThat(StopReason.of("model_context_window_exceeded")).isSameAs(StopReason.MODEL_CONTEXT_WINDOW_EXCEEDED);
    }
}
