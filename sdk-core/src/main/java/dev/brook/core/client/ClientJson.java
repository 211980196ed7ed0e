package dev.brook.core.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.json.Json;
import java.util.Objects;

/** Small JSON helpers of the request model, over the shared {@link Json#MAPPER}. Thread-safe. */
final class ClientJson {
    static final ObjectMapper MAPPER = Json.MAPPER;

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
