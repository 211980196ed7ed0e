package dev.brook.core.request;

import static dev.brook.core.request.JsonAssert.assertBody;
import static dev.brook.core.request.JsonAssert.tree;
import static dev.brook.core.request.JsonAssert.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden JSON of every tool kind the request model types. */
class ToolJsonTest {

    private static MessageRequest.Builder base() {
        return MessageRequest.builder().model("claude-opus-4-6").maxTokens(1024).addUserMessage("Hi");
    }

    private static String toolJson(Tool tool) {
        return tree(base().addTool(tool).build().toJson(false)).get("tools").get(0).toString();
    }

    @Test
    void webSearchWithEverySetting() {
        Tool tool = Tool.webSearch()
                .maxUses(5)
                .allowedDomains(List.of("example.com", "docs.example.org"))
                .userLocation(Tool.UserLocation.approximate().withCity("San Francisco").withRegion("California")
                        .withCountry("US").withTimezone("America/Los_Angeles"))
                .build();

        assertThat(tree(toolJson(tool))).isEqualTo(tree("""
                {"type":"web_search_20250305","name":"web_search","max_uses":5,
                 "allowed_domains":["example.com","docs.example.org"],
                 "user_location":{"type":"approximate","city":"San Francisco","region":"California",
                                  "country":"US","timezone":"America/Los_Angeles"}}
                """));
    }

    @Test
    void webSearchWithDefaultsIsTypeAndNameOnly() {
        assertThat(toolJson(Tool.webSearch().build()))
                .isEqualTo("{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}");
    }

    @Test
    void webSearchBlockedDomainsAndPartialLocation() {
        Tool tool = Tool.webSearch().blockedDomains(List.of("spam.example"))
                .userLocation(Tool.UserLocation.approximate().withCountry("FR")).build();

        assertThat(tree(toolJson(tool))).isEqualTo(tree("""
                {"type":"web_search_20250305","name":"web_search","blocked_domains":["spam.example"],
                 "user_location":{"type":"approximate","country":"FR"}}
                """));
    }

    @Test
    void webFetchWithEverySetting() {
        Tool tool = Tool.webFetch()
                .maxUses(3)
                .blockedDomains(List.of("private.example.com"))
                .citations(true)
                .maxContentTokens(100000)
                .build();

        assertThat(tree(toolJson(tool))).isEqualTo(tree("""
                {"type":"web_fetch_20250910","name":"web_fetch","max_uses":3,
                 "blocked_domains":["private.example.com"],"citations":{"enabled":true},
                 "max_content_tokens":100000}
                """));
    }

    @Test
    void webFetchAllowedDomainsAndCitationsOff() {
        Tool tool = Tool.webFetch().allowedDomains(List.of("example.com")).citations(false).build();

        assertThat(tree(toolJson(tool))).isEqualTo(tree("""
                {"type":"web_fetch_20250910","name":"web_fetch","allowed_domains":["example.com"],
                 "citations":{"enabled":false}}
                """));
        assertThat(toolJson(Tool.webFetch().build()))
                .isEqualTo("{\"type\":\"web_fetch_20250910\",\"name\":\"web_fetch\"}");
    }

    @Test
    void codeExecutionBashAndToolSearchAreTypeAndName() {
        assertThat(toolJson(Tool.codeExecution()))
                .isEqualTo("{\"type\":\"code_execution_20250825\",\"name\":\"code_execution\"}");
        assertThat(toolJson(Tool.bash())).isEqualTo("{\"type\":\"bash_20250124\",\"name\":\"bash\"}");
        assertThat(toolJson(Tool.toolSearchRegex()))
                .isEqualTo("{\"type\":\"tool_search_tool_regex_20251119\",\"name\":\"tool_search_tool_regex\"}");
        assertThat(toolJson(Tool.toolSearchBm25()))
                .isEqualTo("{\"type\":\"tool_search_tool_bm25_20251119\",\"name\":\"tool_search_tool_bm25\"}");
    }

    @Test
    void textEditorWithAndWithoutMaxCharacters() {
        assertThat(toolJson(Tool.textEditor().build()))
                .isEqualTo("{\"type\":\"text_editor_20250728\",\"name\":\"str_replace_based_edit_tool\"}");
        assertThat(tree(toolJson(Tool.textEditor().maxCharacters(10000).build()))).isEqualTo(tree("""
                {"type":"text_editor_20250728","name":"str_replace_based_edit_tool","max_characters":10000}
                """));
    }

    @Test
    void builtinToolTakesACacheBreakpoint() {
        Tool tool = Tool.webSearch().maxUses(2).build().withCacheControl(CacheControl.ephemeral());

        assertThat(tree(toolJson(tool))).isEqualTo(tree("""
                {"type":"web_search_20250305","name":"web_search","max_uses":2,
                 "cache_control":{"type":"ephemeral"}}
                """));
    }

    @Test
    void customToolWithEagerInputStreamingAndDeferLoading() {
        Tool eager = Tool.of("make_file", "Write text to a file", "{\"type\":\"object\"}")
                .eagerInputStreaming(true);
        Tool deferred = Tool.of("get_weather", "Weather", "{\"type\":\"object\"}").deferLoading(true);
        Tool both = Tool.of("x", value("{\"type\":\"object\"}")).deferLoading(true).eagerInputStreaming(true)
                .withCacheControl(CacheControl.ephemeral());

        assertThat(tree(toolJson(eager))).isEqualTo(tree("""
                {"name":"make_file","description":"Write text to a file","input_schema":{"type":"object"},
                 "eager_input_streaming":true}
                """));
        assertThat(tree(toolJson(deferred))).isEqualTo(tree("""
                {"name":"get_weather","description":"Weather","input_schema":{"type":"object"},
                 "defer_loading":true}
                """));
        assertThat(tree(toolJson(both))).isEqualTo(tree("""
                {"name":"x","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"},
                 "defer_loading":true,"eager_input_streaming":true}
                """));
    }

    @Test
    void flagsTurnedOffAgainSendNothing() {
        Tool.Custom tool = Tool.of("t", "d", "{}").eagerInputStreaming(true).eagerInputStreaming(false)
                .deferLoading(true).deferLoading(false);

        assertThat(tree(toolJson(tool))).isEqualTo(tree("{\"name\":\"t\",\"description\":\"d\",\"input_schema\":{}}"));
        assertThat(tool).isEqualTo(Tool.of("t", "d", "{}"));
        assertThat(tool.isEagerInputStreaming()).isFalse();
        assertThat(tool.isDeferLoading()).isFalse();
        Tool.Custom eager = tool.eagerInputStreaming(true);
        assertThat(eager.isEagerInputStreaming()).isTrue();
        assertThat(eager).isNotEqualTo(tool).hasToString("Tool{t}");
        assertThat(tool.isEagerInputStreaming()).as("the original is unchanged").isFalse();
    }

    @Test
    void toolSearchWithDeferredToolsAndServerToolsInOneRequest() {
        MessageRequest request = MessageRequest.builder().model("claude-opus-4-6").maxTokens(2048)
                .addTool(Tool.toolSearchBm25())
                .addTool(Tool.of("get_weather", "Weather", "{\"type\":\"object\"}").deferLoading(true))
                .addTool(Tool.codeExecution())
                .addTool(Tool.webFetch().maxUses(1).build())
                .toolChoice(ToolChoice.none())
                .addUserMessage("Plan only.")
                .build();

        assertBody(request, true, """
                {"model":"claude-opus-4-6","max_tokens":2048,
                 "messages":[{"role":"user","content":"Plan only."}],
                 "tools":[
                   {"type":"tool_search_tool_bm25_20251119","name":"tool_search_tool_bm25"},
                   {"name":"get_weather","description":"Weather","input_schema":{"type":"object"},
                    "defer_loading":true},
                   {"type":"code_execution_20250825","name":"code_execution"},
                   {"type":"web_fetch_20250910","name":"web_fetch","max_uses":1}],
                 "tool_choice":{"type":"none"},
                 "stream":true}
                """);
    }

    @Test
    void builtinToolsExposeTypeNameAndSettings() {
        Tool.Builtin search = Tool.webSearch().maxUses(4).build();

        assertThat(search.type()).isEqualTo("web_search_20250305");
        assertThat(search.name()).isEqualTo("web_search");
        assertThat(search.settings()).isEqualTo(value("{\"max_uses\":4}"));
        assertThat(search.cacheControl()).isEmpty();
        assertThat(search).isEqualTo(Tool.webSearch().maxUses(4).build())
                .hasSameHashCodeAs(Tool.webSearch().maxUses(4).build())
                .isNotEqualTo(Tool.webSearch().maxUses(5).build());
        assertThat(search).hasToString("Tool{web_search_20250305 web_search}");
        assertThat(Tool.textEditor().build().name()).isEqualTo("str_replace_based_edit_tool");
    }
}
