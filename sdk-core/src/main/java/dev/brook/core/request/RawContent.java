package dev.brook.core.request;

import dev.brook.core.client.Brook;
import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;

/**
 * A content block given as its JSON object and sent as is: for block kinds Brook does not model
 * (for example {@code search_result}, {@code server_tool_use}, {@code web_search_tool_result}).
 *
 * <p>Immutable and thread-safe: the object is copied in and {@link #json()} returns a copy.
 *
 * @param json the block, a JSON object with a string {@code type}
 */
public record RawContent(JsonValue json) implements RequestContent {
    /**
     * @param json the block, a JSON object with a string {@code type}
     * @throws IllegalArgumentException if {@code json} is not an object with a string {@code type}
     */
    public RawContent {
        JsonValue.JsonObject object = ClientJson.requireObject(json, "content block");
        if (object.get("type").flatMap(JsonValue::asString).isEmpty()) {
            throw new IllegalArgumentException("content block needs a string \"type\" field: "
                    + ClientJson.abbreviate(object.toJson(), 60));
        }
        json = object;
    }

    /**
     * The block given as a JSON value.
     *
     * @param json the block object
     * @return the block
     * @throws IllegalArgumentException if {@code json} is not an object with a string {@code type}
     */
    public static RawContent of(JsonValue json) {
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
        return json.get("type").flatMap(JsonValue::asString).orElseThrow();
    }



    /** The type and size only. */
    @Override
    public String toString() {
        return "RawContent[type=" + type() + ", " + ((JsonValue.JsonObject) json).members().size() + " fields]";
    }
}
