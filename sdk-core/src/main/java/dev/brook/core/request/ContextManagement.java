package dev.brook.core.request;

import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Context editing for a request: the {@code context_management} object, {@code {"edits":[...]}}, which
 * has the API clear old tool results or thinking from the prompt before the model reads it. The caller's
 * conversation is not changed; only what the model sees is.
 *
 * <pre>{@code
 * ContextManagement cm = ContextManagement.of(
 *         ContextManagement.clearToolUses().triggerInputTokens(30_000).keepToolUses(3)
 *                 .excludeTools(List.of("web_search")).build(),
 *         ContextManagement.clearThinking(2));
 * }</pre>
 *
 * <p>Context editing is an API beta ({@code context-management-2025-06-27}): the client must send that
 * {@code anthropic-beta} header. Edits Brook does not type yet (such as compaction) are given with
 * {@link Edit#raw(JsonValue)}. Immutable and thread-safe; the builder is not thread-safe.
 */
public final class ContextManagement {
    private final List<Edit> edits;

    private ContextManagement(List<Edit> edits) {
        this.edits = edits;
    }

    /**
     * Context management applying {@code edits} in order.
     *
     * @param edits the edits, at least one
     * @return the context management
     * @throws IllegalArgumentException if {@code edits} is empty
     */
    public static ContextManagement of(List<Edit> edits) {
        List<Edit> copy = List.copyOf(Objects.requireNonNull(edits, "edits"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("context management needs at least one edit, e.g. "
                    + "ContextManagement.of(ContextManagement.clearToolUses().build())");
        }
        return new ContextManagement(copy);
    }

    /**
     * Context management applying {@code edits} in order; see {@link #of(List)}.
     *
     * @param edits the edits, at least one
     * @return the context management
     * @throws IllegalArgumentException if no edit is given
     */
    public static ContextManagement of(Edit... edits) {
        return of(Arrays.asList(Objects.requireNonNull(edits, "edits")));
    }

    /**
     * The {@code clear_tool_uses_20250919} edit, which replaces the oldest tool results (and optionally
     * their calls) with a placeholder once the prompt grows past a trigger.
     *
     * @return a new builder; with no setting, the API's defaults (today: trigger at 100,000 input tokens,
     *     keep the 3 latest tool uses)
     */
    public static ClearToolUsesBuilder clearToolUses() {
        return new ClearToolUsesBuilder();
    }

    /**
     * The {@code clear_thinking_20251015} edit with the API's default of what to keep:
     * {@code {"type":"clear_thinking_20251015"}}. For requests with thinking on.
     *
     * @return the edit
     */
    public static Edit clearThinking() {
        return Edit.CLEAR_THINKING;
    }

    /**
     * The {@code clear_thinking_20251015} edit keeping the thinking of the latest {@code keepTurns}
     * assistant turns: {@code "keep":{"type":"thinking_turns","value":keepTurns}}.
     *
     * @param keepTurns how many recent turns keep their thinking, positive
     * @return the edit
     * @throws IllegalArgumentException if {@code keepTurns} is not positive
     */
    public static Edit clearThinking(int keepTurns) {
        Checks.positive(keepTurns, "keepTurns");
        return new Edit(object("type", JsonValue.of("clear_thinking_20251015"),
                "keep", counter("thinking_turns", keepTurns)));
    }

    /**
     * The {@code clear_thinking_20251015} edit keeping all thinking: {@code "keep":"all"} (useful to keep
     * prompt-cache hits).
     *
     * @return the edit
     */
    public static Edit clearThinkingKeepingAll() {
        return new Edit(object("type", JsonValue.of("clear_thinking_20251015"), "keep", JsonValue.of("all")));
    }

    /** {@return the edits, in order; unmodifiable, never empty} */
    public List<Edit> edits() {
        return edits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContextManagement c && edits.equals(c.edits);
    }

    @Override
    public int hashCode() {
        return edits.hashCode();
    }

    @Override
    public String toString() {
        return "ContextManagement" + edits;
    }

    private static JsonValue.JsonObject counter(String type, int value) {
        return object("type", JsonValue.of(type), "value", JsonValue.of(value));
    }

    private static JsonValue.JsonObject object(String k1, JsonValue v1, String k2, JsonValue v2) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return new JsonValue.JsonObject(m);
    }

    /**
     * One context edit, held as the JSON object sent: made by {@link ContextManagement#clearToolUses()},
     * {@link ContextManagement#clearThinking()} and its variants, or given as JSON with
     * {@link #raw(JsonValue)}. Immutable and thread-safe.
     */
    public static final class Edit {
        static final Edit CLEAR_THINKING = new Edit(
                new JsonValue.JsonObject(Map.of("type", JsonValue.of("clear_thinking_20251015"))));

        private final JsonValue.JsonObject json;

        private Edit(JsonValue.JsonObject json) {
            this.json = json;
        }

        /**
         * An edit given as its JSON object, sent as is, for edit types Brook does not type.
         *
         * @param json the edit object, with a string {@code type}
         * @return the edit
         * @throws IllegalArgumentException if {@code json} is not an object with a string {@code type}
         */
        public static Edit raw(JsonValue json) {
            JsonValue.JsonObject object = ClientJson.requireObject(json, "context edit");
            if (object.get("type").flatMap(JsonValue::asString).isEmpty()) {
                throw new IllegalArgumentException("context edit needs a string \"type\", e.g. "
                        + "{\"type\":\"clear_tool_uses_20250919\"}; was " + ClientJson.abbreviate(object.toJson(), 60));
            }
            return new Edit(object);
        }

        /** {@return the edit's type, e.g. {@code "clear_tool_uses_20250919"}} */
        public String type() {
            return json.get("type").flatMap(JsonValue::asString).orElseThrow();
        }

        /** {@return the JSON object sent for this edit} */
        public JsonValue.JsonObject json() {
            return json;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Edit e && json.equals(e.json);
        }

        @Override
        public int hashCode() {
            return json.hashCode();
        }

        @Override
        public String toString() {
            return json.toJson();
        }
    }

    /**
     * Configures a {@code clear_tool_uses_20250919} edit; made by {@link ContextManagement#clearToolUses()}.
     * Settings left unset are not sent, so the API's defaults apply. Setters replace earlier values;
     * {@link #build()} can be called again. Not thread-safe.
     */
    public static final class ClearToolUsesBuilder {
        private JsonValue.JsonObject trigger;
        private Integer keepToolUses;
        private Integer clearAtLeastInputTokens;
        private List<String> excludeTools = List.of();
        private Boolean clearToolInputs;

        private ClearToolUsesBuilder() {
        }

        /**
         * Clear once the prompt holds more than {@code inputTokens} input tokens:
         * {@code "trigger":{"type":"input_tokens","value":inputTokens}}. Replaces a tool-use trigger.
         *
         * @param inputTokens the threshold, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code inputTokens} is not positive
         */
        public ClearToolUsesBuilder triggerInputTokens(int inputTokens) {
            this.trigger = counter("input_tokens", Checks.positive(inputTokens, "inputTokens"));
            return this;
        }

        /**
         * Clear once the prompt holds more than {@code toolUses} tool uses:
         * {@code "trigger":{"type":"tool_uses","value":toolUses}}. Replaces an input-token trigger.
         *
         * @param toolUses the threshold, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code toolUses} is not positive
         */
        public ClearToolUsesBuilder triggerToolUses(int toolUses) {
            this.trigger = counter("tool_uses", Checks.positive(toolUses, "toolUses"));
            return this;
        }

        /**
         * How many of the latest tool uses survive a clear: {@code "keep":{"type":"tool_uses","value":n}}.
         *
         * @param toolUses the tool uses to keep, zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code toolUses} is negative
         */
        public ClearToolUsesBuilder keepToolUses(int toolUses) {
            if (toolUses < 0) {
                throw new IllegalArgumentException("keepToolUses must be >= 0, was " + toolUses);
            }
            this.keepToolUses = toolUses;
            return this;
        }

        /**
         * Clear at least this many input tokens when clearing, so that breaking the prompt cache is worth
         * it: {@code "clear_at_least":{"type":"input_tokens","value":inputTokens}}.
         *
         * @param inputTokens the minimum, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code inputTokens} is not positive
         */
        public ClearToolUsesBuilder clearAtLeastInputTokens(int inputTokens) {
            this.clearAtLeastInputTokens = Checks.positive(inputTokens, "clearAtLeastInputTokens");
            return this;
        }

        /**
         * Tools whose uses are never cleared ({@code exclude_tools}, copied); an empty list (the default)
         * sends none.
         *
         * @param toolNames the tool names, e.g. {@code "web_search"}
         * @return this builder
         * @throws IllegalArgumentException if a name is blank
         */
        public ClearToolUsesBuilder excludeTools(List<String> toolNames) {
            this.excludeTools = Checks.names(toolNames, "excludeTools");
            return this;
        }

        /**
         * Whether the tool calls' inputs are cleared too, not only their results ({@code clear_tool_inputs}).
         * Default: not sent, which the API treats as {@code false}.
         *
         * @param clear whether to clear tool inputs
         * @return this builder
         */
        public ClearToolUsesBuilder clearToolInputs(boolean clear) {
            this.clearToolInputs = clear;
            return this;
        }

        /** {@return the edit} */
        public Edit build() {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            m.put("type", JsonValue.of("clear_tool_uses_20250919"));
            if (trigger != null) {
                m.put("trigger", trigger);
            }
            if (keepToolUses != null) {
                m.put("keep", counter("tool_uses", keepToolUses));
            }
            if (clearAtLeastInputTokens != null) {
                m.put("clear_at_least", counter("input_tokens", clearAtLeastInputTokens));
            }
            if (!excludeTools.isEmpty()) {
                m.put("exclude_tools", new JsonValue.JsonArray(excludeTools.stream().<JsonValue>map(JsonValue::of)
                        .toList()));
            }
            if (clearToolInputs != null) {
                m.put("clear_tool_inputs", JsonValue.of(clearToolInputs));
            }
            return new Edit(new JsonValue.JsonObject(m));
        }
    }
}
