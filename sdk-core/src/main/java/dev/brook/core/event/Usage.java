package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Token usage of a message: typed accessors for the known counters, plus every other field the API sent
 * (kept raw, see {@link #unknownFields()}).
 *
 * <p>Usage keeps its fields exactly as received — a field that was absent stays absent and an explicit
 * {@code null} stays {@code null} — so {@link #toJson()} gives back the same JSON. Immutable and
 * thread-safe.
 */
public final class Usage {
    private static final Set<String> KNOWN = Set.of("input_tokens", "output_tokens",
            "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "server_tool_use",
            "service_tier", "inference_geo", "output_tokens_details", "iterations");

    /** Usage with no fields at all (writes as {@code {}}). */
    public static final Usage EMPTY = new Usage(Map.of());

    private final Map<String, JsonValue> fields;

    private Usage(Map<String, JsonValue> fields) {
        this.fields = fields;
    }

    /**
     * Usage holding exactly {@code fields} (name to raw value, in order). The map is copied.
     *
     * @param fields each usage field's name with its raw value, in order
     * @return the usage
     * @throws NullPointerException if {@code fields}, a name or a value is null (use
     *     {@link JsonValue#NULL} for an explicit JSON null)
     */
    public static Usage fromFields(Map<String, JsonValue> fields) {
        Map<String, JsonValue> copy = new LinkedHashMap<>();
        fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "name"), Objects.requireNonNull(v, k)));
        return new Usage(Collections.unmodifiableMap(copy));
    }

    /**
     * Usage with just {@code input_tokens} and {@code output_tokens}.
     *
     * @param inputTokens the value of {@code input_tokens}
     * @param outputTokens the value of {@code output_tokens}
     * @return the usage, with those two fields in that order
     */
    public static Usage of(long inputTokens, long outputTokens) {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        m.put("input_tokens", count(inputTokens));
        m.put("output_tokens", count(outputTokens));
        return new Usage(Collections.unmodifiableMap(m));
    }

    private static JsonValue count(long v) {
        return JsonValue.of(v);
    }

    /**
     * This usage updated by {@code update}: every field of {@code update} whose value is not JSON
     * {@code null} replaces (or adds) the field of the same name; nulls are ignored. This is the
     * {@code message_delta} rule.
     *
     * @param update the usage of a {@code message_delta}
     * @return the merged usage; this one when {@code update} has no fields
     */
    public Usage merge(Usage update) {
        if (update.fields.isEmpty()) {
            return this;
        }
        Map<String, JsonValue> m = new LinkedHashMap<>(fields);
        update.fields.forEach((k, v) -> {
            if (!v.isNull()) {
                m.put(k, v);
            }
        });
        return new Usage(Collections.unmodifiableMap(m));
    }

    /** {@return {@code input_tokens}; 0 when absent or null} */
    public long inputTokens() {
        return longOr0("input_tokens");
    }

    /** {@return {@code output_tokens}; 0 when absent or null} */
    public long outputTokens() {
        return longOr0("output_tokens");
    }

    /** {@return {@code cache_creation_input_tokens}, when present and a number} */
    public OptionalLong cacheCreationInputTokens() {
        return optLong("cache_creation_input_tokens");
    }

    /** {@return {@code cache_read_input_tokens}, when present and a number} */
    public OptionalLong cacheReadInputTokens() {
        return optLong("cache_read_input_tokens");
    }

    /** {@return {@code cache_creation} (the per-TTL breakdown), raw, when present and not null} */
    public Optional<JsonValue> cacheCreation() {
        return optNode("cache_creation");
    }

    /** {@return {@code server_tool_use} (server tool request counts), raw, when present and not null} */
    public Optional<JsonValue> serverToolUse() {
        return optNode("server_tool_use");
    }

    /** {@return {@code service_tier}, when present and a string} */
    public Optional<String> serviceTier() {
        JsonValue n = fields.get("service_tier");
        return n == null ? Optional.empty() : n.asString();
    }

    /** {@return input tokens written to the 5-minute cache ({@code cache_creation.ephemeral_5m_input_tokens})} */
    public OptionalLong cacheCreation5mInputTokens() {
        return JsonFields.integer(fields.get("cache_creation"), "ephemeral_5m_input_tokens");
    }

    /** {@return input tokens written to the 1-hour cache ({@code cache_creation.ephemeral_1h_input_tokens})} */
    public OptionalLong cacheCreation1hInputTokens() {
        return JsonFields.integer(fields.get("cache_creation"), "ephemeral_1h_input_tokens");
    }

    /** {@return web searches the API ran ({@code server_tool_use.web_search_requests})} */
    public OptionalLong webSearchRequests() {
        return JsonFields.integer(fields.get("server_tool_use"), "web_search_requests");
    }

    /** {@return web fetches the API ran ({@code server_tool_use.web_fetch_requests})} */
    public OptionalLong webFetchRequests() {
        return JsonFields.integer(fields.get("server_tool_use"), "web_fetch_requests");
    }

    /** {@return where inference ran ({@code inference_geo}), when present and a string} */
    public Optional<String> inferenceGeo() {
        return JsonFields.string(fields.get("inference_geo"));
    }

    /** {@return output tokens spent thinking ({@code output_tokens_details.thinking_tokens})} */
    public OptionalLong thinkingTokens() {
        return JsonFields.integer(fields.get("output_tokens_details"), "thinking_tokens");
    }

    /** {@return the per-iteration usage of a turn that ran several sampling iterations ({@code iterations})} */
    public Optional<JsonValue> iterations() {
        return optNode("iterations");
    }

    /** {@return every field exactly as received, in order (unmodifiable)} */
    public Map<String, JsonValue> fields() {
        return fields;
    }

    /** {@return the fields this class has no typed accessor for (unmodifiable)} */
    public Map<String, JsonValue> unknownFields() {
        Map<String, JsonValue> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                m.put(k, v);
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /** {@return this usage as compact JSON} */
    public String toJson() {
        return new JsonValue.JsonObject(fields).toJson();
    }

    private long longOr0(String name) {
        return optLong(name).orElse(0L);
    }

    private OptionalLong optLong(String name) {
        // A count too large or fractional for a long is kept in fields() but has no typed value.
        return JsonFields.integer(fields.get(name));
    }

    private Optional<JsonValue> optNode(String name) {
        JsonValue n = fields.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Usage u && fields.equals(u.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "Usage" + toJson();
    }
}
