package dev.brook.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.event.BashCodeExecutionToolResultBlock;
import dev.brook.core.event.CodeExecutionToolResultBlock;
import dev.brook.core.event.CompactionBlock;
import dev.brook.core.event.ContainerUploadBlock;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.FallbackBlock;
import dev.brook.core.event.McpToolResultBlock;
import dev.brook.core.event.McpToolUseBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.RedactedThinkingBlock;
import dev.brook.core.event.ServerToolResultBlock;
import dev.brook.core.event.ServerToolUseBlock;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.TextBlock;
import dev.brook.core.event.TextEditorCodeExecutionToolResultBlock;
import dev.brook.core.event.ThinkingBlock;
import dev.brook.core.event.ToolSearchToolResultBlock;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.event.UnknownBlock;
import dev.brook.core.event.Usage;
import dev.brook.core.event.WebFetchToolResultBlock;
import dev.brook.core.event.WebSearchToolResultBlock;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Tree to model and model to JSON for {@link Message} and {@link ContentBlock}: the one place that knows
 * field names, so reading and writing cannot drift apart. Stateless.
 */
public final class ModelJson {
    public static final Set<String> MESSAGE_FIELDS =
            Set.of("id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage");

    private ModelJson() {
    }

    public static Message readMessage(JsonNode node) {
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException("A message must be a JSON object, got: " + kind(node));
        }
        Message.Builder b = Message.builder()
                .id(text(obj, "id", ""))
                .type(text(obj, "type", ""))
                .role(text(obj, "role", ""))
                .model(text(obj, "model", ""))
                .usage(usage(obj.get("usage")));
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
                b.unknownField(e.getKey(), JsonValueCodec.fromTree(e.getValue()));
            }
        }
        return b.build();
    }

    public static ContentBlock readBlock(JsonNode node) {
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
                    List<JsonValue> list = new ArrayList<>(cites.size());
                    cites.forEach(c -> list.add(JsonValueCodec.fromTree(c)));
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
                Map<String, JsonValue> rest = rest(obj, "id", "name", "input");
                JsonValue in = JsonValueCodec.fromTree(input);
                return type.equals("tool_use")
                        ? new ToolUseBlock(id.textValue(), name.textValue(), in, rest)
                        : new ServerToolUseBlock(id.textValue(), name.textValue(), in, rest);
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
            case "mcp_tool_use": {
                JsonNode id = obj.get("id");
                JsonNode name = obj.get("name");
                JsonNode server = obj.get("server_name");
                JsonNode input = obj.get("input");
                if (!isText(id) || !isText(name) || !isText(server) || input == null) {
                    break;
                }
                return new McpToolUseBlock(id.textValue(), name.textValue(), server.textValue(),
                        JsonValueCodec.fromTree(input), rest(obj, "id", "name", "server_name", "input"));
            }
            case "mcp_tool_result": {
                JsonNode toolUseId = obj.get("tool_use_id");
                JsonNode isError = obj.get("is_error");
                JsonNode content = obj.get("content");
                if (!isText(toolUseId) || isError == null || !isError.isBoolean() || content == null) {
                    break;
                }
                return new McpToolResultBlock(toolUseId.textValue(), isError.booleanValue(),
                        JsonValueCodec.fromTree(content), rest(obj, "tool_use_id", "is_error", "content"));
            }
            case "container_upload": {
                JsonNode fileId = obj.get("file_id");
                if (!isText(fileId)) {
                    break;
                }
                return new ContainerUploadBlock(fileId.textValue(), rest(obj, "file_id", null));
            }
            case "compaction": {
                JsonNode content = obj.get("content");
                if (content == null || !(content.isTextual() || content.isNull())) {
                    break;
                }
                return new CompactionBlock(content.isTextual() ? Optional.of(content.textValue()) : Optional.empty(),
                        rest(obj, "content", null));
            }
            case "fallback": {
                JsonNode from = obj.get("from");
                JsonNode to = obj.get("to");
                if (from == null || !from.isObject() || to == null || !to.isObject() || !isText(to.get("model"))) {
                    break;
                }
                return new FallbackBlock(JsonValueCodec.fromTree(from), JsonValueCodec.fromTree(to),
                        rest(obj, "from", "to"));
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
                ContentBlock typed = content == null ? null : typedResult(type, toolUseId.textValue(),
                        JsonValueCodec.fromTree(content), rest(obj, "tool_use_id", "content"));
                if (typed != null) {
                    return typed;
                }
                return new ServerToolResultBlock(type, toolUseId.textValue(),
                        content == null ? Optional.empty() : Optional.of(JsonValueCodec.fromTree(content)),
                        rest(obj, "tool_use_id", "content"));
            }
        }
        return new UnknownBlock(type, (JsonValue.JsonObject) JsonValueCodec.fromTree(obj));
    }

    /** The typed block for a known server tool result kind; null for another kind. */
    private static ContentBlock typedResult(String type, String toolUseId, JsonValue content,
                                            Map<String, JsonValue> rest) {
        switch (type) {
            case "web_search_tool_result": return new WebSearchToolResultBlock(toolUseId, content, rest);
            case "web_fetch_tool_result": return new WebFetchToolResultBlock(toolUseId, content, rest);
            case "code_execution_tool_result": return new CodeExecutionToolResultBlock(toolUseId, content, rest);
            case "bash_code_execution_tool_result":
                return new BashCodeExecutionToolResultBlock(toolUseId, content, rest);
            case "text_editor_code_execution_tool_result":
                return new TextEditorCodeExecutionToolResultBlock(toolUseId, content, rest);
            case "tool_search_tool_result": return new ToolSearchToolResultBlock(toolUseId, content, rest);
            default: return null;
        }
    }

    private static boolean isText(JsonNode n) {
        return n != null && n.isTextual();
    }

    public static void writeMessage(JsonGenerator g, Message m) throws IOException {
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
        JsonValueCodec.write(g, new JsonValue.JsonObject(m.usage().fields()));
        writeFields(g, m.unknownFields());
        g.writeEndObject();
    }

    public static void writeBlock(JsonGenerator g, ContentBlock block) throws IOException {
        if (block instanceof UnknownBlock u) {
            JsonValueCodec.write(g, u.raw());
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", block.type());
        if (block instanceof TextBlock t) {
            g.writeStringField("text", t.text());
            if (t.citations().isPresent()) {
                g.writeArrayFieldStart("citations");
                for (JsonValue c : t.citations().get()) {
                    JsonValueCodec.write(g, c);
                }
                g.writeEndArray();
            }
        } else if (block instanceof ToolUseBlock t) {
            g.writeStringField("id", t.id());
            g.writeStringField("name", t.name());
            g.writeFieldName("input");
            JsonValueCodec.write(g, t.input());
        } else if (block instanceof ServerToolUseBlock t) {
            g.writeStringField("id", t.id());
            g.writeStringField("name", t.name());
            g.writeFieldName("input");
            JsonValueCodec.write(g, t.input());
        } else if (block instanceof ThinkingBlock t) {
            g.writeStringField("thinking", t.thinking());
            if (t.signature().isPresent()) {
                g.writeStringField("signature", t.signature().get());
            }
        } else if (block instanceof RedactedThinkingBlock r) {
            g.writeStringField("data", r.data());
        } else if (block instanceof McpToolUseBlock t) {
            g.writeStringField("id", t.id());
            g.writeStringField("name", t.name());
            g.writeStringField("server_name", t.serverName());
            g.writeFieldName("input");
            JsonValueCodec.write(g, t.input());
        } else if (block instanceof McpToolResultBlock r) {
            g.writeStringField("tool_use_id", r.toolUseId());
            g.writeBooleanField("is_error", r.isError());
            g.writeFieldName("content");
            JsonValueCodec.write(g, r.content());
        } else if (block instanceof ContainerUploadBlock c) {
            g.writeStringField("file_id", c.fileId());
        } else if (block instanceof CompactionBlock c) {
            g.writeFieldName("content");
            if (c.content().isPresent()) {
                g.writeString(c.content().get());
            } else {
                g.writeNull();
            }
        } else if (block instanceof FallbackBlock f) {
            g.writeFieldName("from");
            JsonValueCodec.write(g, f.from());
            g.writeFieldName("to");
            JsonValueCodec.write(g, f.to());
        } else if (block instanceof WebSearchToolResultBlock r) {
            writeResult(g, r.toolUseId(), r.content());
        } else if (block instanceof WebFetchToolResultBlock r) {
            writeResult(g, r.toolUseId(), r.content());
        } else if (block instanceof CodeExecutionToolResultBlock r) {
            writeResult(g, r.toolUseId(), r.content());
        } else if (block instanceof BashCodeExecutionToolResultBlock r) {
            writeResult(g, r.toolUseId(), r.content());
        } else if (block instanceof TextEditorCodeExecutionToolResultBlock r) {
            writeResult(g, r.toolUseId(), r.content());
        } else if (block instanceof ToolSearchToolResultBlock r) {
            writeResult(g, r.toolUseId(), r.content());
        } else if (block instanceof ServerToolResultBlock r) {
            g.writeStringField("tool_use_id", r.toolUseId());
            if (r.content().isPresent()) {
                g.writeFieldName("content");
                JsonValueCodec.write(g, r.content().get());
            }
        }
        writeFields(g, block.unknownFields());
        g.writeEndObject();
    }

    private static void writeResult(JsonGenerator g, String toolUseId, JsonValue content) throws IOException {
        g.writeStringField("tool_use_id", toolUseId);
        g.writeFieldName("content");
        JsonValueCodec.write(g, content);
    }

    static void writeFields(JsonGenerator g, Map<String, JsonValue> fields) throws IOException {
        for (Map.Entry<String, JsonValue> e : fields.entrySet()) {
            g.writeFieldName(e.getKey());
            JsonValueCodec.write(g, e.getValue());
        }
    }

    /** Usage from a {@code usage} object node; anything else is {@link Usage#EMPTY}. */
    public static Usage usage(JsonNode node) {
        return node instanceof ObjectNode obj && !obj.isEmpty()
                ? Usage.fromFields(JsonValueCodec.members(obj)) : Usage.EMPTY;
    }

    /** {@return the message as compact JSON, the shape the non-streaming API returns} */
    public static String messageJson(Message m) {
        return Json.toJsonString(g -> writeMessage(g, m));
    }

    /** {@return the message as compact UTF-8 JSON} */
    public static byte[] messageJsonBytes(Message m) {
        return Json.toJsonBytes(g -> writeMessage(g, m));
    }

    /** {@return the block as compact JSON} */
    public static String blockJson(ContentBlock b) {
        return Json.toJsonString(g -> writeBlock(g, b));
    }

    private static String text(ObjectNode obj, String name, String dflt) {
        JsonNode n = obj.get(name);
        return n != null && n.isTextual() ? n.textValue() : dflt;
    }

    /** Every field of {@code obj} except {@code type} and the named ones (a null name is ignored). */
    private static Map<String, JsonValue> rest(ObjectNode obj, String... consumed) {
        Map<String, JsonValue> m = null;
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
            m.put(k, JsonValueCodec.fromTree(e.getValue()));
        }
        return m == null ? Map.of() : m;
    }

    public static String kind(JsonNode node) {
        return node == null ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
