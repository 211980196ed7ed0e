package dev.brook.core.internal;

import dev.brook.core.json.JsonValue;
import java.util.Objects;

/** Small JSON helpers of the request model: parsing and checking the JSON a caller gives. Thread-safe. */
public final class ClientJson {
    private ClientJson() {
    }

    /**
     * Parses {@code json} as one JSON value.
     *
     * @param what names the value in the error message, e.g. {@code "extra field 'service_tier'"}
     * @throws IllegalArgumentException if {@code json} is not valid JSON
     */
    public static JsonValue parse(String json, String what) {
        Objects.requireNonNull(json, what);
        if (json.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; expected a JSON value");
        }
        try {
            return JsonValue.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Parses {@code json} and checks it is a JSON object. */
    public static JsonValue.JsonObject parseObject(String json, String what) {
        return requireObject(parse(json, what), what);
    }

    /**
     * Checks {@code value} is an object.
     *
     * @throws IllegalArgumentException if {@code value} is not a JSON object
     */
    public static JsonValue.JsonObject requireObject(JsonValue value, String what) {
        Objects.requireNonNull(value, what);
        if (!(value instanceof JsonValue.JsonObject o)) {
            throw new IllegalArgumentException(what + " must be a JSON object, was " + JsonValueCodec.kind(value)
                    + ": " + abbreviate(value.toJson(), 60));
        }
        return o;
    }

    /** {@code s} cut to at most {@code max} characters, with an ellipsis when cut. */
    public static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…(" + s.length() + " chars)";
    }
}
