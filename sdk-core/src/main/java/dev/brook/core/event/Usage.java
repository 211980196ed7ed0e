package dev.brook.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.json.Json;
import java.io.IOException;
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
 * {@code null} stays {@code null} — so {@link #writeTo(JsonGenerator)} gives back the same JSON tree.
 * Immutable and thread-safe; the {@link JsonNode} values it hands out are shared and must be treated as
 * read-only.
 */
public final class Usage implements Json.JsonWritable {
    private static final Set<String> KNOWN = Set.of("input_tokens", "output_tokens",
            "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "server_tool_use",
            "service_tier");

    /** Usage with no fields at all (writes as {@code {}}). */
    public static final Usage EMPTY = new Usage(Map.of());

    private final Map<String, JsonNode> fields;

    private Usage(Map<String, JsonNode> fields) {
        this.fields = fields;
    }

    /**
     * Usage holding exactly {@code fields} (name to raw value, in order). The map is copied.
     *
     * @param fields each usage field's name with its raw value, in order
     * @return the usage
     * @throws NullPointerException if {@code fields}, a name or a value is null (use a {@code NullNode}
     *     for an explicit JSON null)
     */
    public static Usage fromFields(Map<String, JsonNode> fields) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
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
        Map<String, JsonNode> m = new LinkedHashMap<>();
        m.put("input_tokens", count(inputTokens));
        m.put("output_tokens", count(outputTokens));
        return new Usage(Collections.unmodifiableMap(m));
    }

    /** The node a JSON parser gives for {@code v} (an int node when it fits), so equality holds. */
    private static JsonNode count(long v) {
        return v == (int) v ? Json.nodes().numberNode((int) v) : Json.nodes().numberNode(v);
    }

    /**
     * Usage read from a JSON object node; a non-object gives {@link #EMPTY}. The node's values are shared,
     * not copied: the caller must not modify the node afterwards.
     *
     * @param node the {@code usage} object of a message or event
     * @return the usage; {@link #EMPTY} for a non-object or an empty object
     */
    public static Usage fromJson(JsonNode node) {
        if (!(node instanceof ObjectNode obj) || obj.isEmpty()) {
            return EMPTY;
        }
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            m.put(e.getKey(), e.getValue());
        }
        return new Usage(Collections.unmodifiableMap(m));
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
        Map<String, JsonNode> m = new LinkedHashMap<>(fields);
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
    public Optional<JsonNode> cacheCreation() {
        return optNode("cache_creation");
    }

    /** {@return {@code server_tool_use} (server tool request counts), raw, when present and not null} */
    public Optional<JsonNode> serverToolUse() {
        return optNode("server_tool_use");
    }

    /** {@return {@code service_tier}, when present and a string} */
    public Optional<String> serviceTier() {
        JsonNode n = fields.get("service_tier");
        return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.empty();
    }

    /** {@return every field exactly as received, in order (unmodifiable; values read-only)} */
    public Map<String, JsonNode> fields() {
        return fields;
    }

    /** {@return the fields this class has no typed accessor for (unmodifiable; values read-only)} */
    public Map<String, JsonNode> unknownFields() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (!KNOWN.contains(k)) {
                m.put(k, v);
            }
        });
        return Collections.unmodifiableMap(m);
    }

    /** Writes this usage as one JSON object. */
    @Override
    public void writeTo(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            g.writeFieldName(e.getKey());
            Json.MAPPER.writeTree(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** {@return this usage as compact JSON} */
    public String toJson() {
        return Json.toJsonString(this);
    }

    private long longOr0(String name) {
        JsonNode n = fields.get(name);
        return n != null && n.isNumber() ? n.longValue() : 0L;
    }

    private OptionalLong optLong(String name) {
        JsonNode n = fields.get(name);
        return n != null && n.isNumber() ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    private Optional<JsonNode> optNode(String name) {
        JsonNode n = fields.get(name);
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
