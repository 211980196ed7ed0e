package dev.brook.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.ContentBlockStartEvent;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.ErrorEvent;
import dev.brook.core.event.MessageDeltaEvent;
import dev.brook.core.event.MessageStartEvent;
import dev.brook.core.event.MessageStopEvent;
import dev.brook.core.event.PingEvent;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.UnknownBlock;
import dev.brook.core.event.UnknownEvent;
import dev.brook.core.json.JsonValue;
import dev.brook.core.sse.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns one {@link SseEvent} into a typed {@link StreamEvent}.
 *
 * <p>The event kind is the SSE event name; when the stream has no {@code event:} lines (the name is the
 * default {@code message}, as some proxies send), it is the JSON {@code type} field. The data bytes are
 * parsed in place, with no intermediate {@code String}; the common {@code content_block_delta} shapes
 * take a dedicated path that builds no JSON tree. Unknown event, block and delta kinds become
 * {@link UnknownEvent}, {@link UnknownBlock} and {@link Delta.UnknownDelta}, never an error.
 *
 * <p>An event name this version does not know gives an {@link UnknownEvent} whatever its data is (JSON,
 * plain text, empty, truncated): the API may add event kinds, and their data need not be JSON. Only a
 * known event name ({@code message_start}, {@code content_block_start}, {@code content_block_delta},
 * {@code content_block_stop}, {@code message_delta}, {@code message_stop}, {@code ping}, {@code error})
 * with data that is not one JSON value is a protocol error. An event without a name whose data is not
 * JSON cannot be identified, so it too is an {@link UnknownEvent}, of type {@code message}.
 *
 * <p><b>Not thread-safe:</b> the fast path keeps a small decode buffer between events (so a delta
 * allocates only its own text). Use one instance per stream, from one thread at a time.
 */
public final class EventParser {
    private static final String DEFAULT_SSE_TYPE = "message";

    private final FastDeltaParser fast = new FastDeltaParser();

    /** A parser for one stream. Cheap: it holds only a small decode buffer. */
    public EventParser() {
    }

    /**
     * Parses one event.
     *
     * @param event the SSE event, not null
     * @return the typed event, never null; an {@link UnknownEvent} for a kind this version does not know
     * @throws StreamProtocolException when a known event's data is not valid JSON, or a known event lacks
     *     a field it needs (such as {@code index}); the message names the event type, and
     *     {@link StreamProtocolException#rawEvent()} carries the raw data
     * @throws NullPointerException if {@code event} is null
     */
    public StreamEvent parse(SseEvent event) {
        String sseType = event.type();
        return event.readData((b, off, len) -> parse(sseType, b, off, len));
    }

    /**
     * Parses one event given its type name and UTF-8 data, as {@link #parse(SseEvent)} does. The bytes
     * are only read, and not kept.
     *
     * @param sseType the SSE event type, {@code "message"} when the event had no name; not null
     * @param data the array holding the event data as UTF-8
     * @param offset where the data starts in {@code data}
     * @param length the number of data bytes
     * @return the typed event, never null; an {@link UnknownEvent} for a kind this version does not know
     * @throws StreamProtocolException as {@link #parse(SseEvent)}
     * @throws NullPointerException if {@code sseType} or {@code data} is null
     */
    public StreamEvent parse(String sseType, byte[] data, int offset, int length) {
        boolean unnamed = DEFAULT_SSE_TYPE.equals(sseType);
        if (unnamed || "content_block_delta".equals(sseType)) {
            ContentBlockDeltaEvent delta = fast.tryParse(data, offset, length, unnamed);
            if (delta != null) {
                return delta;
            }
        }
        return parseWithJackson(sseType, data, offset, length);
    }

    /**
     * {@link #parse(String, byte[], int, int)} without the byte-level fast path: every event through
     * Jackson's tree. The fast path may only ever return what this returns; a property test holds it to
     * that.
     */
    StreamEvent parseWithJackson(String sseType, byte[] data, int offset, int length) {
        boolean unnamed = DEFAULT_SSE_TYPE.equals(sseType);
        if (unnamed) {
            return parseUnnamed(data, offset, length);
        }
        if (!isKnown(sseType)) {
            JsonNode tree = readTree(null, data, offset, length);
            return new UnknownEvent(sseType, tree == null ? Optional.empty() : Optional.of(JsonValueCodec.fromTree(tree)),
                    text(data, offset, length));
        }
        return fromTree(sseType, readTree(sseType, data, offset, length), data, offset, length);
    }

    /**
     * An event without an SSE name: its JSON {@code type} says what it is. Data that is not JSON has no
     * type to read, so nothing says it is one of the known kinds; it is kept as an {@link UnknownEvent} of
     * type {@code message} rather than failing the stream. The API may add event kinds whose data is not
     * JSON, and a proxy that drops event names would turn every such event into this case; raising a
     * protocol error would break the promise that an unknown kind never ends a stream. Data that starts
     * as a JSON object but does not parse is different: every known kind is an object, so it is most
     * likely a known event cut short, and skipping it would lose its content silently. It is a protocol
     * error.
     */
    private static StreamEvent parseUnnamed(byte[] data, int offset, int length) {
        JsonNode tree = readTree(null, data, offset, length);
        if (tree == null) {
            if (startsAsObject(data, offset, length)) {
                readTree("unnamed (no event: line)", data, offset, length); // throws, naming the problem
            }
            return new UnknownEvent(DEFAULT_SSE_TYPE, Optional.empty(), text(data, offset, length));
        }
        JsonNode t = tree.get("type");
        String type = t != null && t.isTextual() ? t.textValue() : DEFAULT_SSE_TYPE;
        if (!isKnown(type)) {
            return new UnknownEvent(type, Optional.of(JsonValueCodec.fromTree(tree)), text(data, offset, length));
        }
        return fromTree(type, tree, data, offset, length);
    }

    private static boolean startsAsObject(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte c = b[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                return c == '{';
            }
        }
        return false;
    }

    /** Whether {@link #fromTree} has a case for {@code type}; keep the two in step. */
    private static boolean isKnown(String type) {
        switch (type) {
            case "message_start":
            case "content_block_start":
            case "content_block_delta":
            case "content_block_stop":
            case "message_delta":
            case "message_stop":
            case "ping":
            case "error":
                return true;
            default:
                return false;
        }
    }

    /**
     * Reads the data as exactly one JSON value. When it is not (empty, malformed, or followed by more
     * content), throws a protocol error naming {@code knownType}, or returns null when that is null.
     */
    private static JsonNode readTree(String knownType, byte[] b, int off, int len) {
        String problem;
        IOException cause = null;
        try (JsonParser p = Json.FACTORY.createParser(b, off, len)) {
            JsonNode tree = Json.readTree(p);
            if (tree.isMissingNode()) {
                problem = "the data is empty";
            } else if (p.nextToken() != null) {
                problem = "unexpected content after the JSON value";
            } else {
                return tree;
            }
        } catch (IOException e) {
            problem = e.getMessage().lines().findFirst().orElse("");
            cause = e;
        }
        if (knownType == null) {
            return null;
        }
        throw new StreamProtocolException("Malformed JSON in " + knownType + " event: " + problem,
                raw(b, off, len), cause);
    }

    private static StreamEvent fromTree(String type, JsonNode tree, byte[] b, int off, int len) {
        switch (type) {
            case "message_start": {
                JsonNode message = object(type, tree, "message", b, off, len);
                return new MessageStartEvent(ModelJson.readMessage(message));
            }
            case "content_block_start": {
                int index = index(type, tree, b, off, len);
                JsonNode block = object(type, tree, "content_block", b, off, len);
                return new ContentBlockStartEvent(index, ModelJson.readBlock(block));
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
                Map<String, JsonValue> fields = Map.of();
                if (delta instanceof ObjectNode d && !d.isEmpty()) {
                    fields = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : d.properties()) {
                        fields.put(e.getKey(), JsonValueCodec.fromTree(e.getValue()));
                    }
                    fields = Collections.unmodifiableMap(fields);
                }
                Map<String, JsonValue> rest = Map.of();
                int modelled = (tree.has("type") ? 1 : 0) + (tree.has("delta") ? 1 : 0) + (tree.has("usage") ? 1 : 0);
                if (tree.size() > modelled) { // top-level fields beside delta and usage: context_management, …
                    rest = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> e : tree.properties()) {
                        String k = e.getKey();
                        if (!k.equals("type") && !k.equals("delta") && !k.equals("usage")) {
                            rest.put(k, JsonValueCodec.fromTree(e.getValue()));
                        }
                    }
                }
                return new MessageDeltaEvent(fields, ModelJson.usage(tree.get("usage")), rest);
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
                return new ErrorEvent(errorType, errorMessage, JsonValueCodec.fromTree(tree));
            }
            default: // not reached: parse sends only known types here (see isKnown)
                return new UnknownEvent(type, Optional.of(JsonValueCodec.fromTree(tree)), text(b, off, len));
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
                    return new Delta.CitationsDelta(JsonValueCodec.fromTree(v));
                }
                break;
            }
            case "compaction_delta": {
                JsonNode v = d.get("content");
                if (v != null && v.isTextual()) {
                    return new Delta.CompactionDelta(v.textValue());
                }
                break;
            }
            default:
                break;
        }
        // Unknown kind, or a known kind without its payload: kept raw, changes nothing.
        return new Delta.UnknownDelta(type, JsonValueCodec.fromTree(d));
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

    /**
     * The data as {@link SseEvent#data()} gives it (WHATWG UTF-8 decoding, which differs from the JDK's on
     * some invalid input), so an unknown event's text matches what {@code brook decode --sse} shows. Only
     * unknown events pay for the copy.
     */
    private static String text(byte[] b, int off, int len) {
        return new SseEvent(DEFAULT_SSE_TYPE, Arrays.copyOfRange(b, off, off + len), "", -1).data();
    }
}
