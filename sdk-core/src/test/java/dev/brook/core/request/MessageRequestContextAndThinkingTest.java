package dev.brook.core.request;

import static dev.brook.core.request.JsonAssert.assertBody;
import static dev.brook.core.request.JsonAssert.tree;
import static dev.brook.core.request.JsonAssert.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden JSON and validation of context_management and the thinking display. */
class MessageRequestContextAndThinkingTest {

    private static MessageRequest.Builder base() {
        return MessageRequest.builder().model("claude-opus-4-6").maxTokens(1024).addUserMessage("Hi");
    }

    private static String contextJson(ContextManagement cm) {
        return tree(base().contextManagement(cm).build().toJson(false)).get("context_management").toString();
    }

    @Test
    void clearToolUsesWithEverySetting() {
        ContextManagement cm = ContextManagement.of(ContextManagement.clearToolUses()
                .triggerInputTokens(30000)
                .keepToolUses(3)
                .clearAtLeastInputTokens(5000)
                .excludeTools(List.of("web_search"))
                .clearToolInputs(false)
                .build());

        assertBody(base().contextManagement(cm).build(), true, """
                {"model":"claude-opus-4-6","max_tokens":1024,"messages":[{"role":"user","content":"Hi"}],
                 "context_management":{"edits":[
                   {"type":"clear_tool_uses_20250919",
                    "trigger":{"type":"input_tokens","value":30000},
                    "keep":{"type":"tool_uses","value":3},
                    "clear_at_least":{"type":"input_tokens","value":5000},
                    "exclude_tools":["web_search"],
                    "clear_tool_inputs":false}]},
                 "stream":true}
                """);
    }

    @Test
    void clearToolUsesWithDefaultsAndAToolUseTrigger() {
        assertThat(contextJson(ContextManagement.of(ContextManagement.clearToolUses().build())))
                .isEqualTo("{\"edits\":[{\"type\":\"clear_tool_uses_20250919\"}]}");
        assertThat(tree(contextJson(ContextManagement.of(ContextManagement.clearToolUses()
                .triggerInputTokens(1).triggerToolUses(10).keepToolUses(0).clearToolInputs(true).build()))))
                .isEqualTo(tree("""
                        {"edits":[{"type":"clear_tool_uses_20250919","trigger":{"type":"tool_uses","value":10},
                                   "keep":{"type":"tool_uses","value":0},"clear_tool_inputs":true}]}
                        """));
    }

    @Test
    void clearThinkingVariantsAndSeveralEditsInOrder() {
        ContextManagement cm = ContextManagement.of(
                ContextManagement.clearThinking(2),
                ContextManagement.clearThinkingKeepingAll(),
                ContextManagement.clearThinking(),
                ContextManagement.clearToolUses().build(),
                ContextManagement.Edit.raw(value("{\"type\":\"compact_20260112\",\"trigger\":{\"type\":\"input_tokens\","
                        + "\"value\":150000}}")));

        assertThat(tree(contextJson(cm))).isEqualTo(tree("""
                {"edits":[
                  {"type":"clear_thinking_20251015","keep":{"type":"thinking_turns","value":2}},
                  {"type":"clear_thinking_20251015","keep":"all"},
                  {"type":"clear_thinking_20251015"},
                  {"type":"clear_tool_uses_20250919"},
                  {"type":"compact_20260112","trigger":{"type":"input_tokens","value":150000}}]}
                """));
        assertThat(cm.edits()).extracting(ContextManagement.Edit::type).containsExactly("clear_thinking_20251015",
                "clear_thinking_20251015", "clear_thinking_20251015", "clear_tool_uses_20250919", "compact_20260112");
        assertThat(base().contextManagement(cm).build().toString())
                .contains("contextManagement=[clear_thinking_20251015, clear_thinking_20251015, "
                        + "clear_thinking_20251015, clear_tool_uses_20250919, compact_20260112]");
    }

    @Test
    void contextManagementClashesWithAnExtraOfTheSameName() {
        assertThatIllegalStateException()
                .isThrownBy(() -> base().contextManagement(ContextManagement.of(ContextManagement.clearThinking()))
                        .putExtraJson("context_management", "{\"edits\":[]}").build())
                .withMessage("extra field 'context_management' clashes with the context_management set on the "
                        + "builder; remove one of them");
    }

    @Test
    void contextManagementArgumentsAreChecked() {
        assertThatIllegalArgumentException().isThrownBy(() -> ContextManagement.of(List.of()))
                .withMessage("context management needs at least one edit, e.g. "
                        + "ContextManagement.of(ContextManagement.clearToolUses().build())");
        assertThatIllegalArgumentException().isThrownBy(() -> ContextManagement.clearToolUses().triggerInputTokens(0))
                .withMessage("inputTokens must be > 0, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> ContextManagement.clearToolUses().triggerToolUses(-1))
                .withMessage("toolUses must be > 0, was -1");
        assertThatIllegalArgumentException().isThrownBy(() -> ContextManagement.clearToolUses().keepToolUses(-1))
                .withMessage("keepToolUses must be >= 0, was -1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContextManagement.clearToolUses().clearAtLeastInputTokens(0))
                .withMessage("clearAtLeastInputTokens must be > 0, was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ContextManagement.clearToolUses().excludeTools(List.of(" ")))
                .withMessage("excludeTools holds a blank name");
        assertThatIllegalArgumentException().isThrownBy(() -> ContextManagement.clearThinking(0))
                .withMessage("keepTurns must be > 0, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> ContextManagement.Edit.raw(value("{\"keep\":1}")))
                .withMessage("context edit needs a string \"type\", e.g. {\"type\":\"clear_tool_uses_20250919\"}; "
                        + "was {\"keep\":1}");
        assertThatIllegalArgumentException().isThrownBy(() -> ContextManagement.Edit.raw(value("[]")))
                .withMessageStartingWith("context edit must be a JSON object");
    }

    @Test
    void contextManagementIsImmutable() {
        List<ContextManagement.Edit> edits = new ArrayList<>(List.of(ContextManagement.clearThinking()));
        List<String> excluded = new ArrayList<>(List.of("a"));
        ContextManagement.ClearToolUsesBuilder builder = ContextManagement.clearToolUses().excludeTools(excluded);
        ContextManagement.Edit first = builder.build();
        edits.add(first);
        ContextManagement cm = ContextManagement.of(edits);

        edits.clear();
        excluded.add("b");
        builder.clearToolInputs(true);

        assertThat(cm.edits()).hasSize(2);
        assertThat(first.json().toJson()).isEqualTo("{\"type\":\"clear_tool_uses_20250919\",\"exclude_tools\":[\"a\"]}");
        assertThatThrownBy(() -> cm.edits().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(cm).isEqualTo(ContextManagement.of(ContextManagement.clearThinking(), first))
                .hasSameHashCodeAs(ContextManagement.of(ContextManagement.clearThinking(), first));
    }

    @Test
    void thinkingDisplayOnAdaptiveAndEnabled() {
        MessageRequest adaptive = base()
                .thinking(ThinkingConfig.adaptive().withDisplay(ThinkingConfig.Display.SUMMARIZED)).build();
        MessageRequest enabled = base().maxTokens(16000)
                .thinking(ThinkingConfig.enabled(10000).withDisplay(ThinkingConfig.Display.OMITTED)).build();

        assertBody(adaptive, false, """
                {"model":"claude-opus-4-6","max_tokens":1024,"messages":[{"role":"user","content":"Hi"}],
                 "thinking":{"type":"adaptive","display":"summarized"}}
                """);
        assertThat(tree(enabled.toJson(false)).get("thinking"))
                .isEqualTo(tree("{\"type\":\"enabled\",\"budget_tokens\":10000,\"display\":\"omitted\"}"));
        assertThat(ThinkingConfig.adaptive().display()).isEmpty();
        assertThat(ThinkingConfig.adaptive().withDisplay(ThinkingConfig.Display.OMITTED))
                .isEqualTo(ThinkingConfig.adaptive().withDisplay(ThinkingConfig.Display.OMITTED))
                .isNotEqualTo(ThinkingConfig.adaptive())
                .hasToString("ThinkingConfig{adaptive, display=omitted}");
    }

    @Test
    void displayOnDisabledThinkingIsRefused() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ThinkingConfig.disabled().withDisplay(ThinkingConfig.Display.SUMMARIZED))
                .withMessage("thinking disabled takes no display; use ThinkingConfig.adaptive() or "
                        + "ThinkingConfig.enabled(budgetTokens)");
    }
}
