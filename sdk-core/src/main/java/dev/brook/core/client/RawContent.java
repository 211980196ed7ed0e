package dev.brook.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A content block given as its JSON object and sent as is: for block kinds Brook does not model
 * (for example {@code search_result}, {@code server_tool_use}, {@code web_search_tool_result}).
 *
 * <p>Immutable and thread-safe: the object is copied in and {@link #json()} returns a copy.
 *
 * @param json the block, a JSON object with a string {@code type}
 */
public record RawContent(JsonNode json) implements RequestContent {
    /**
     * @param json the block, a JSON object with a string {@code type}
     * @throws IllegalArgumentException if {@code json} is not an object with a string {@code type}
     */
    public RawContent {
        ObjectNode copy = ClientJson.requireObject(json, "content block");
        if (!copy.path("type").isTextual()) {
            throw new IllegalArgumentException("content block needs a string \"type\" field: "
                    + ClientJson.abbreviate(copy.toString(), 60));
        }
        json = copy;
    }

    /**
     * The block given as a JSON tree (copied).
     *
     * @param json the block object
     * @return the block
     * @throws IllegalArgumentException if {@code json} is not an object with a string {@code type}
     */
    public static RawContent of(JsonNode json) {
        return new RawContent(json);
    }

    /**
     * The block given as JSON text.
     *
     * @param json the block object, as JSON text
     * @return the block
     * @throws IllegalArgumentException if {@code json} is not valid JSON, or not an object with a
     *     string {@code type}
     */
    public static RawContent parse(String json) {
        return new RawContent(ClientJson.parse(json, "content block"));
    }

    /** The object's {@code type} field. */
    @Override
    public String type() {
        return json.get("type").asText();
    }

    /** {@return a copy of the block, free to modify} */
    @Override
    public JsonNode json() {
        return json.deepCopy();
    }

    JsonNode node() {
        return json;
    }

    /** The type and size only. */
    @Override
    public String toString() {
        return "RawContent[type=" + type() + ", " + json.size() + " fields]";
    }
}
