package dev.brook.core.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * The Jackson instance of the request model, and small helpers around it. Named apart from
 * {@code dev.brook.core.json.Json} so both can be in scope until they are unified.
 *
 * <p>Package-private stand-in until {@code dev.brook.core.json} holds the one shared instance. Only
 * trees ({@link JsonNode}) are read or written through it; none of Brook's own types goes through
 * Jackson's bean introspection. Thread-safe.
 */
final class ClientJson {
    /**
     * Configured once, never changed afterwards: safe to share. Characters outside the BMP (emoji) are
     * written as 4-byte UTF-8, not as escaped surrogate pairs.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                    .build())
            // Raw JSON given by the caller is sent back exactly: 0.70 stays 0.70, long decimals keep every digit.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private ClientJson() {
    }

    /**
     * Parses {@code json} as one JSON value.
     *
     * @param what names the value in the error message, e.g. {@code "extra field 'service_tier'"}
     * @throws IllegalArgumentException if {@code json} is not valid JSON
     */
    static JsonNode parse(String json, String what) {
        Objects.requireNonNull(json, what);
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty; expected a JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses {@code json} and checks it is a JSON object. */
    static ObjectNode parseObject(String json, String what) {
        return requireObject(parse(json, what), what);
    }

    /**
     * Returns a deep copy of {@code node} after checking it is an object.
     *
     * @throws IllegalArgumentException if {@code node} is not a JSON object
     */
    static ObjectNode requireObject(JsonNode node, String what) {
        Objects.requireNonNull(node, what);
        if (!node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object, was " + node.getNodeType()
                    + ": " + abbreviate(node.toString(), 60));
        }
        return ((ObjectNode) node).deepCopy();
    }

    /** {@code s} cut to at most {@code max} characters, with an ellipsis when cut. */
    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
