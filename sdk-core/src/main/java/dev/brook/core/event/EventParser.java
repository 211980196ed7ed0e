package dev.brook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.json.Json;
import dev.brook.core.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one {@link SseEvent} into a typed {@link StreamEvent}.
 *
 * <p>The event kind is the SSE event name; when the stream has no {@code event:} lines (the name is the
 * default {@code message}, as some proxies send), it is the JSON {@code type} field. The data bytes are
 * parsed in place, with no intermediate {@code String}; the common {@code content_block_delta} shapes
 * take a dedicated path that builds no JSON tree. Unknown event, block and delta kinds become
 * {@link UnknownEvent}, {@link UnknownBlock} and {@link Delta.UnknownDelta}, never an error.
 *
 * <p>Stateless and thread-safe: one instance may serve any number of streams at once.
 */
public final class EventParser {
    private static final String DEFAULT_SSE_TYPE = "message";

    /** A parser. Cheap; instances hold no state. */
    public EventParser() {
    }

    /**
     * Parses one event.
     *
     * @throws StreamProtocolException when the data is not valid JSON, or a known event lacks a field it
     *     needs (such as {@code index}); the message names the event type, and
     *     {@link StreamProtocolException#rawEvent()} carries the raw data
     */
    public StreamEvent parse(SseEvent event) {
        String sseType = event.type();
        return event.readData((b, off, len) -> parse(sseType, b, off, len));
    }

    /**
     * Parses one event given its type name and UTF-8 data, as {@link #parse(SseEvent)} does.
     *
     * @throws StreamProtocolException as {@link #parse(SseEvent)}
     */
    public StreamEvent parse(String sseType, byte[] data, int offset, int length) {
        boolean unnamed = DEFAULT_SSE_TYPE.equals(sseType);
        if (unnamed || "content_block_delta".equals(sseType)) {
            ContentBlockDeltaEvent fast = FastDeltaParser.tryParse(data, offset, length, unnamed);
            if (fast != null) {
                return fast;
            }
        }
        JsonNode tree = readTree(sseType, data, offset, length);
        String type = sseType;
        if (unnamed) {
            JsonNode t = tree.get("type");
            if (t != null && t.isTextual()) {
                type = t.textValue();
            }
        }
        return fromTree(type, tree, data, offset, length);
    }

    private static JsonNode readTree(String type, byte[] b, int off, int len) {
        try (JsonParser p = Json.FACTORY.createParser(b, off, len)) {
            JsonNode tree = Json.readTree(p);
            if (tree.isMissingNode()) {
                throw new StreamProtocolException("Malformed JSON in " + type + " event: the data is empty",
                        raw(b, off, len), null);
            }
            if (p.nextToken() != null) {
                throw new StreamProtocolException("Malformed JSON in " + type
                        + " event: unexpected content after the JSON value", raw(b, off, len), null);
            }
            return tree;
        } catch (IOException e) {
            throw new StreamProtocolException("Malformed JSON in " + type + " event: "
                    + e.getMessage().lines().findFirst().orElse(""), raw(b, off, len), e);
        }
    }

    private static StreamEvent fromTree(String type, JsonNode tree, byte[] b, int off, int len) {
        switch (type) {
            case "message_start": {
                JsonNode message = object(type, tree, "message", b, off, len);
                return new MessageStartEvent(Message.fromJson(message));
            }
            case "content_block_start": {
                int index = index(type, tree, b, off, len);
                JsonNode block = object(type, tree, "content_block", b, off, len);
                return new ContentBlockStartEvent(index, ContentBlock.fromJson(block));
            }
            case "content_block_delta": {
                int index = index(type, tree, b, off, len);
                JsonNode delta = object(type, tree, "delta", b, off, len);
                return new ContentBlockDeltaEvent(index, delta(delta));
            }
            case "content_block_stop":
                return new ContentBlockStopEvent(index(type, tree, b, off, len));
            case "message_delta": {
                requireObject(type, tree, b, off, len);
                JsonNode delta = tree.get("delta");
                Map<String, JsonNode> fields = Map.of();
                if (delta instanceof ObjectNode d && !d.isEmpty()) {
                    fields = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : d.properties()) {
                        fields.put(e.getKey(), e.getValue());
                    }
                    fields = Collections.unmodifiableMap(fields);
                }
                return new MessageDeltaEvent(fields, Usage.fromJson(tree.get("usage")));
            }
            case "message_stop":
                return MessageStopEvent.INSTANCE;
            case "ping":
                return PingEvent.INSTANCE;
            case "error": {
                JsonNode error = tree.get("error");
                String errorType = "";
                String errorMessage = "";
                if (error != null) {
                    JsonNode t = error.get("type");
                    JsonNode m = error.get("message");
                    errorType = t != null && t.isTextual() ? t.textValue() : "";
                    errorMessage = m != null && m.isTextual() ? m.textValue() : "";
                }
                return new ErrorEvent(errorType, errorMessage, tree);
            }
            default:
                return new UnknownEvent(type, tree);
        }
    }

    static Delta delta(JsonNode d) {
        JsonNode t = d.get("type");
        String type = t != null && t.isTextual() ? t.textValue() : "";
        switch (type) {
            case "text_delta": {
                JsonNode v = d.get("text");
                if (v != null && v.isTextual()) {
                    return new Delta.TextDelta(v.textValue());
                }
                break;
            }
            case "input_json_delta": {
                JsonNode v = d.get("partial_json");
                if (v != null && v.isTextual()) {
                    return new Delta.InputJsonDelta(v.textValue());
                }
                break;
            }
            case "thinking_delta": {
                JsonNode v = d.get("thinking");
                if (v != null && v.isTextual()) {
                    return new Delta.ThinkingDelta(v.textValue());
                }
                break;
            }
            case "signature_delta": {
                JsonNode v = d.get("signature");
                if (v != null && v.isTextual()) {
                    return new Delta.SignatureDelta(v.textValue());
                }
                break;
            }
            case "citations_delta": {
                JsonNode v = d.get("citation");
                if (v != null && v.isObject()) {
                    return new Delta.CitationsDelta(v);
                }
                break;
            }
            default:
                break;
        }
        // Unknown kind, or a known kind without its payload: kept raw, changes nothing.
        return new Delta.UnknownDelta(type, d);
    }

    private static void requireObject(String type, JsonNode tree, byte[] b, int off, int len) {
        if (!tree.isObject()) {
            throw new StreamProtocolException("Invalid " + type + " event: the data is a JSON "
                    + ModelJson.kind(tree) + ", not an object", raw(b, off, len), null);
        }
    }

    private static JsonNode object(String type, JsonNode tree, String field, byte[] b, int off, int len) {
        requireObject(type, tree, b, off, len);
        JsonNode n = tree.get(field);
        if (n == null || !n.isObject()) {
            throw new StreamProtocolException("Invalid " + type + " event: \"" + field
                    + "\" must be a JSON object, got " + ModelJson.kind(n), raw(b, off, len), null);
        }
        return n;
    }

    private static int index(String type, JsonNode tree, byte[] b, int off, int len) {
        requireObject(type, tree, b, off, len);
        JsonNode n = tree.get("index");
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new StreamProtocolException("Invalid " + type
                    + " event: \"index\" must be an integer, got " + (n == null ? "nothing" : n.toString()),
                    raw(b, off, len), null);
        }
        return n.intValue();
    }

    private static String raw(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.UTF_8);
    }
}
