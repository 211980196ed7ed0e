package dev.brook.core.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.internal.Json;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import dev.brook.core.request.MessageRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reading and writing the JSON of the endpoints beside {@code /v1/messages}. Not API. */
final class EndpointJson {
    private EndpointJson() {
    }

    /** The request's JSON as {@code count_tokens} takes it: without {@code max_tokens} (and never {@code stream}). */
    static byte[] withoutMaxTokens(MessageRequest request) {
        ObjectNode body = (ObjectNode) object(request.toJson(false), 0, -1);
        body.remove("max_tokens");
        body.remove("stream");
        return Json.toJsonBytes(g -> Json.mapper().writeTree(g, body));
    }

    /** {@code {"requests":[{"custom_id":..,"params":{..}}]}}. */
    static byte[] batchCreateBody(List<BatchRequest> requests) {
        return Json.toJsonBytes(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("requests");
            for (BatchRequest r : requests) {
                g.writeStartObject();
                g.writeStringField("custom_id", r.customId());
                g.writeFieldName("params");
                g.writeRawValue(new String(r.params().toJson(false), StandardCharsets.UTF_8));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * Parses {@code length} bytes (all of them when negative) as one JSON object.
     *
     * @throws IllegalArgumentException when they are not one JSON object
     */
    static JsonNode object(byte[] json, int offset, int length) {
        int len = length < 0 ? json.length - offset : length;
        JsonNode node;
        try (JsonParser p = Json.FACTORY.createParser(json, offset, len)) {
            node = Json.readTree(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("trailing content after the JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return node;
    }

    /** A required string member. */
    static String text(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is " + (v == null ? "missing" : "not a string"));
        }
        return v.textValue();
    }

    /** An optional string member: null when absent or null. */
    static String optionalText(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is not a string");
        }
        return v.textValue();
    }

    /** A required integer member. */
    static long number(JsonNode object, String field) {
        JsonNode v = object.get(field);
        if (v == null || !v.canConvertToExactIntegral() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("'" + field + "' is " + (v == null ? "missing" : "not an integer"));
        }
        return v.longValue();
    }

    /** The members of {@code object} not in {@code known}, as values, in order. */
    static Map<String, JsonValue> unknown(JsonNode object, Set<String> known) {
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            if (!known.contains(e.getKey())) {
                extra.put(e.getKey(), JsonValueCodec.fromTree(e.getValue()));
            }
        }
        return JsonValueCodec.freeze(extra);
    }

    /** A list response: {@code {"data":[..],"has_more":..,"first_id":..,"last_id":..}}. */
    static <T> Page<T> page(byte[] body, Function<JsonNode, T> item) {
        JsonNode root = object(body, 0, -1);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new IllegalArgumentException("'data' is " + (data == null ? "missing" : "not an array"));
        }
        List<T> items = new ArrayList<>(data.size());
        for (JsonNode element : data) {
            if (!element.isObject()) {
                throw new IllegalArgumentException("an element of 'data' is not a JSON object");
            }
            items.add(item.apply(element));
        }
        JsonNode more = root.get("has_more");
        if (more == null || !more.isBoolean()) {
            throw new IllegalArgumentException("'has_more' is " + (more == null ? "missing" : "not a boolean"));
        }
        return new Page<>(items, more.booleanValue(), optionalText(root, "first_id"), optionalText(root, "last_id"));
    }

    /** {@code path} with the page request's query, such as {@code /v1/models?limit=20&after_id=x}. */
    static String withQuery(String path, PageRequest page) {
        StringBuilder q = new StringBuilder(path);
        char sep = '?';
        if (page.limit().isPresent()) {
            q.append(sep).append("limit=").append(page.limit().getAsInt());
            sep = '&';
        }
        if (page.afterId().isPresent()) {
            q.append(sep).append("after_id=").append(encode(page.afterId().get()));
            sep = '&';
        }
        if (page.beforeId().isPresent()) {
            q.append(sep).append("before_id=").append(encode(page.beforeId().get()));
        }
        return q.toString();
    }

    /** One path segment, percent-encoded. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
