package dev.brook.core.request;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.util.List;

/**
 * Writes the request model as the JSON of {@code POST /v1/messages}, field by field, with a
 * {@link JsonGenerator}. One place for the wire shape of every block kind; absent optionals are
 * omitted. Stateless and thread-safe.
 */
final class RequestJson {
    private RequestJson() {
    }

    static void writeMessage(JsonGenerator g, MessageParam message) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", message.role().wireName());
        g.writeFieldName("content");
        List<RequestContent> content = message.content();
        if (content.size() == 1 && content.get(0) instanceof TextContent t && t.isPlain()) {
            g.writeString(t.text());
        } else {
            writeBlocks(g, content);
        }
        g.writeEndObject();
    }

    static void writeBlocks(JsonGenerator g, List<? extends RequestContent> blocks) throws IOException {
        g.writeStartArray();
        for (RequestContent block : blocks) {
            writeBlock(g, block);
        }
        g.writeEndArray();
    }

    static void writeBlock(JsonGenerator g, RequestContent block) throws IOException {
        if (block instanceof RawContent raw) {
            writeNode(g, raw.json());
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", block.type());
        if (block instanceof TextContent text) {
            g.writeStringField("text", text.text());
            if (text.citations().isPresent()) {
                g.writeFieldName("citations");
                writeNode(g, text.citations().get());
            }
            writeCacheControl(g, text.cacheControl().orElse(null));
        } else if (block instanceof ImageContent image) {
            writeSource(g, image.source());
            writeCacheControl(g, image.cacheControl().orElse(null));
        } else if (block instanceof DocumentContent doc) {
            writeSource(g, doc.source());
            if (doc.title().isPresent()) {
                g.writeStringField("title", doc.title().get());
            }
            if (doc.context().isPresent()) {
                g.writeStringField("context", doc.context().get());
            }
            if (doc.citationsEnabled().isPresent()) {
                g.writeObjectFieldStart("citations");
                g.writeBooleanField("enabled", doc.citationsEnabled().get());
                g.writeEndObject();
            }
            writeCacheControl(g, doc.cacheControl().orElse(null));
        } else if (block instanceof ToolUseContent use) {
            g.writeStringField("id", use.id());
            g.writeStringField("name", use.name());
            g.writeFieldName("input");
            writeNode(g, use.input());
        } else if (block instanceof ToolResult result) {
            g.writeStringField("tool_use_id", result.toolUseId());
            g.writeFieldName("content");
            if (result.hasTextContent()) {
                g.writeString(result.contentText().orElseThrow());
            } else {
                writeBlocks(g, result.contentBlocks());
            }
            if (result.isError()) {
                g.writeBooleanField("is_error", true);
            }
            writeCacheControl(g, result.cacheControl().orElse(null));
        } else if (block instanceof ThinkingContent thinking) {
            g.writeStringField("thinking", thinking.thinking());
            g.writeStringField("signature", thinking.signature());
        } else if (block instanceof RedactedThinkingContent redacted) {
            g.writeStringField("data", redacted.data());
        } else {
            throw new AssertionError("unhandled content block " + block.getClass());
        }
        g.writeEndObject();
    }

    static void writeSource(JsonGenerator g, MediaSource source) throws IOException {
        g.writeFieldName("source");
        if (source instanceof MediaSource.Raw raw) {
            writeNode(g, raw.json());
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", source.type());
        if (source instanceof MediaSource.Base64Data b) {
            g.writeStringField("media_type", b.mediaType());
            g.writeStringField("data", b.data());
        } else if (source instanceof MediaSource.Url u) {
            g.writeStringField("url", u.url());
        } else if (source instanceof MediaSource.PlainText t) {
            g.writeStringField("media_type", "text/plain");
            g.writeStringField("data", t.data());
        } else {
            throw new AssertionError("unhandled source " + source.getClass());
        }
        g.writeEndObject();
    }

    static void writeTool(JsonGenerator g, Tool tool) throws IOException {
        if (tool instanceof Tool.Raw raw) {
            writeNode(g, raw.json());
            return;
        }
        if (tool instanceof Tool.Builtin builtin) {
            g.writeStartObject();
            g.writeStringField("type", builtin.type());
            g.writeStringField("name", builtin.name());
            writeMembers(g, builtin.settings());
            writeCacheControl(g, builtin.cacheControl().orElse(null));
            g.writeEndObject();
            return;
        }
        Tool.Custom custom = (Tool.Custom) tool;
        g.writeStartObject();
        g.writeStringField("name", custom.name());
        if (custom.description().isPresent()) {
            g.writeStringField("description", custom.description().get());
        }
        g.writeFieldName("input_schema");
        writeNode(g, custom.inputSchema());
        writeCacheControl(g, custom.cacheControl().orElse(null));
        if (custom.isDeferLoading()) {
            g.writeBooleanField("defer_loading", true);
        }
        if (custom.isEagerInputStreaming()) {
            g.writeBooleanField("eager_input_streaming", true);
        }
        g.writeEndObject();
    }

    static void writeToolChoice(JsonGenerator g, ToolChoice choice) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", choice.type().wireName());
        if (choice.toolName().isPresent()) {
            g.writeStringField("name", choice.toolName().get());
        }
        if (choice.isParallelToolUseDisabled()) {
            g.writeBooleanField("disable_parallel_tool_use", true);
        }
        g.writeEndObject();
    }

    static void writeThinking(JsonGenerator g, ThinkingConfig thinking) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", thinking.type().wireName());
        if (thinking.budgetTokens().isPresent()) {
            g.writeNumberField("budget_tokens", thinking.budgetTokens().getAsInt());
        }
        if (thinking.display().isPresent()) {
            g.writeStringField("display", thinking.display().get().wireName());
        }
        g.writeEndObject();
    }

    static void writeMcpServer(JsonGenerator g, McpServer server) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "url");
        g.writeStringField("url", server.url());
        g.writeStringField("name", server.name());
        if (server.authorizationToken().isPresent()) {
            g.writeStringField("authorization_token", server.authorizationToken().get());
        }
        if (server.allowedTools().isPresent() || server.toolsEnabled().isPresent()) {
            g.writeObjectFieldStart("tool_configuration");
            if (server.toolsEnabled().isPresent()) {
                g.writeBooleanField("enabled", server.toolsEnabled().get());
            }
            if (server.allowedTools().isPresent()) {
                g.writeArrayFieldStart("allowed_tools");
                for (String tool : server.allowedTools().get()) {
                    g.writeString(tool);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void writeContextManagement(JsonGenerator g, ContextManagement contextManagement) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("edits");
        for (ContextManagement.Edit edit : contextManagement.edits()) {
            writeNode(g, edit.json());
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeNode(JsonGenerator g, JsonValue node) throws IOException {
        JsonValueCodec.write(g, node);
    }

    /** Writes the members of {@code object} into the object being written. */
    private static void writeMembers(JsonGenerator g, JsonValue.JsonObject object) throws IOException {
        for (var member : object.members().entrySet()) {
            g.writeFieldName(member.getKey());
            writeNode(g, member.getValue());
        }
    }

    private static void writeCacheControl(JsonGenerator g, CacheControl cacheControl) throws IOException {
        if (cacheControl != null) {
            g.writeFieldName("cache_control");
            writeNode(g, cacheControl.json());
        }
    }
}
