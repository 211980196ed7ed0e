package dev.brook.core.event;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Tree to model and model to JSON for {@link Message} and {@link ContentBlock}: the one place that knows
 * field names, so reading and writing cannot drift apart. Stateless.
 */
final class ModelJson {
    static final Set<String> MESSAGE_FIELDS =
            Set.of("id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");

    private ModelJson() {
    }

    /** An unmodifiable, order-keeping copy; the shared empty map when empty. */
    static Map<String, JsonNode> freeze(Map<String, JsonNode> m) {
        Objects.requireNonNull(m, "unknownFields");
        if (m.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>(m.size() * 2);
        m.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableMap(copy);
    }

    static Message readMessage(JsonNode node) {
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("A message must be a JSON object, got: " + kind(node));
        }
        Message.Builder b = Message.builder()
                .id(text(obj, "id", ""))
                .type(text(obj, "type", ""))
                .role(text(obj, "role", ""))
                .model(text(obj, "model", ""))
                .usage(Usage.fromJson(obj.get("usage")));
        JsonNode content = obj.get("content");
        if (content != null && content.isArray()) {
            for (JsonNode block : content) {
                if (block instanceof ObjectNode) {
                    b.addContent(readBlock(block));
                }
            }
        }
        JsonNode sr = obj.get("stop_reason");
        b.stopReason(sr != null && sr.isTextual() ? StopReason.of(sr.textValue()) : null);
        JsonNode ss = obj.get("stop_sequence");
        b.stopSequence(ss != null && ss.isTextual() ? ss.textValue() : null);
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            if (!MESSAGE_FIELDS.contains(e.getKey())) {
                b.unknownField(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    static ContentBlock readBlock(JsonNode node) {
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("A content block must be a JSON object, got: " + kind(node));
        }
        JsonNode typeNode = obj.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : "";
        switch (type) {
            case "text": {
                JsonNode text = obj.get("text");
                if (text == null || !text.isTextual()) {
                    break;
                }
                JsonNode cites = obj.get("citations");
                if (cites != null && cites.isArray()) {
                    List<JsonNode> list = new ArrayList<>(cites.size());
                    cites.forEach(list::add);
                    return new TextBlock(text.textValue(), Optional.of(list), rest(obj, "text", "citations"));
                }
                // A citations field that is not an array (say null) stays raw among the unknown fields.
                return new TextBlock(text.textValue(), Optional.empty(), rest(obj, "text", null));
            }
            case "tool_use":
            case "server_tool_use": {
                JsonNode id = obj.get("id");
                JsonNode name = obj.get("name");
                JsonNode input = obj.get("input");
                if (id == null || !id.isTextual() || name == null || !name.isTextual() || input == null) {
                    break;
                }
                Map<String, JsonNode> rest = rest(obj, "id", "name", "input");
                return type.equals("tool_use")
                        ? new ToolUseBlock(id.textValue(), name.textValue(), input, rest)
                        : new ServerToolUseBlock(id.textValue(), name.textValue(), input, rest);
            }
            case "thinking": {
                JsonNode thinking = obj.get("thinking");
                if (thinking == null || !thinking.isTextual()) {
                    break;
                }
                JsonNode sig = obj.get("signature");
                if (sig != null && sig.isTextual()) {
                    return new ThinkingBlock(thinking.textValue(), Optional.of(sig.textValue()),
                            rest(obj, "thinking", "signature"));
                }
                return new ThinkingBlock(thinking.textValue(), Optional.empty(), rest(obj, "thinking", null));
            }
            case "redacted_thinking": {
                JsonNode data = obj.get("data");
                if (data == null || !data.isTextual()) {
                    break;
                }
                return new RedactedThinkingBlock(data.textValue(), rest(obj, "data", null));
            }
            default: {
                if (!type.endsWith("_tool_result")) {
                    break;
                }
                JsonNode toolUseId = obj.get("tool_use_id");
                if (toolUseId == null || !toolUseId.isTextual()) {
                    break;
                }
                JsonNode content = obj.get("content");
                return new ServerToolResultBlock(type, toolUseId.textValue(),
                        content == null ? MissingNode.getInstance() : content,
                        rest(obj, "tool_use_id", "content"));
            }
        }
        return new UnknownBlock(type, obj);
    }

    static void writeMessage(JsonGenerator g, Message m) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", m.id());
        g.writeStringField("type", m.type());
        g.writeStringField("role", m.role());
        g.writeStringField("model", m.model());
        g.writeArrayFieldStart("content");
        for (ContentBlock b : m.content()) {
            writeBlock(g, b);
        }
        g.writeEndArray();
        g.writeFieldName("stop_reason");
        if (m.stopReason().isPresent()) {
            g.writeString(m.stopReason().get().value());
        } else {
            g.writeNull();
        }
        g.writeFieldName("stop_sequence");
        if (m.stopSequence().isPresent()) {
            g.writeString(m.stopSequence().get());
        } else {
            g.writeNull();
        }
        g.writeFieldName("usage");
        m.usage().writeTo(g);
        writeFields(g, m.unknownFields());
        g.writeEndObject();
    }

    static void writeBlock(JsonGenerator g, ContentBlock block) throws IOException {
        if (block instanceof UnknownBlock u) {
            Json.MAPPER.writeTree(g, u.raw());
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", block.type());
        if (block instanceof TextBlock t) {
            g.writeStringField("text", t.text());
            if (t.citations().isPresent()) {
                g.writeArrayFieldStart("citations");
                for (JsonNode c : t.citations().get()) {
                    Json.MAPPER.writeTree(g, c);
                }
                g.writeEndArray();
            }
        } else if (block instanceof ToolUseBlock t) {
            g.writeStringField("id", t.id());
            g.writeStringField("name", t.name());
            g.writeFieldName("input");
            Json.MAPPER.writeTree(g, t.input());
        } else if (block instanceof ServerToolUseBlock t) {
            g.writeStringField("id", t.id());
            g.writeStringField("name", t.name());
            g.writeFieldName("input");
            Json.MAPPER.writeTree(g, t.input());
        } else if (block instanceof ThinkingBlock t) {
            g.writeStringField("thinking", t.thinking());
            if (t.signature().isPresent()) {
                g.writeStringField("signature", t.signature().get());
            }
        } else if (block instanceof RedactedThinkingBlock r) {
            g.writeStringField("data", r.data());
        } else if (block instanceof ServerToolResultBlock r) {
            g.writeStringField("tool_use_id", r.toolUseId());
            if (!r.content().isMissingNode()) {
                g.writeFieldName("content");
                Json.MAPPER.writeTree(g, r.content());
            }
        }
        writeFields(g, block.unknownFields());
        g.writeEndObject();
    }

    static void writeFields(JsonGenerator g, Map<String, JsonNode> fields) throws IOException {
        for (Map.Entry<String, JsonNode> e : fields.entrySet()) {
            g.writeFieldName(e.getKey());
            Json.MAPPER.writeTree(g, e.getValue());
        }
    }

    private static String text(ObjectNode obj, String name, String dflt) {
        JsonNode n = obj.get(name);
        return n != null && n.isTextual() ? n.textValue() : dflt;
    }

    /** Every field of {@code obj} except {@code type} and the named ones (a null name is ignored). */
    private static Map<String, JsonNode> rest(ObjectNode obj, String... consumed) {
        Map<String, JsonNode> m = null;
        outer:
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            String k = e.getKey();
            if (k.equals("type")) {
                continue;
            }
            for (String c : consumed) {
                if (k.equals(c)) {
                    continue outer;
                }
            }
            if (m == null) {
                m = new LinkedHashMap<>();
            }
            m.put(k, e.getValue());
        }
        return m == null ? Map.of() : m;
    }

    static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
