package dev.brook.vertex;

import dev.brook.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of a Messages call as Vertex AI takes it: the model moves from the body to the URL, and the
 * API version moves from the {@code anthropic-version} header into the body as {@code anthropic_version}.
 */
final class VertexBody {
    /** The version Vertex AI's Claude endpoints require in every body. */
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private final String model;
    private final byte[] json;

    private VertexBody(String model, byte[] json) {
        this.model = model;
        this.json = json;
    }

    /**
     * Rewrites a direct-API body.
     *
     * @param body the JSON object the core built
     * @param keepModel whether {@code model} stays in the body ({@code count-tokens} reads it there)
     * @throws IllegalArgumentException if the body is not a JSON object with a string {@code model}
     */
    static VertexBody of(byte[] body, boolean keepModel) {
        JsonValue parsed = JsonValue.parse(new String(body, StandardCharsets.UTF_8));
        if (!(parsed instanceof JsonValue.JsonObject object)) {
            throw new IllegalArgumentException("The request body is not a JSON object; Vertex AI needs one");
        }
        String model = object.get("model").flatMap(JsonValue::asString)
                .orElseThrow(() -> new IllegalArgumentException("The request body has no \"model\" string; "
                        + "Vertex AI needs the model for the URL. Set MessageRequest.builder().model(...)."));
        Map<String, JsonValue> members = new LinkedHashMap<>();
        // First, as Google's examples show it; the caller's own anthropic_version (an extra) wins below.
        members.put("anthropic_version", JsonValue.of(ANTHROPIC_VERSION));
        object.members().forEach((name, value) -> {
            if (keepModel || !name.equals("model")) {
                members.put(name, value);
            }
        });
        byte[] json = new JsonValue.JsonObject(members).toJson().getBytes(StandardCharsets.UTF_8);
        return new VertexBody(model, json);
    }

    /** {@return the model the body named, for the URL} */
    String model() {
        return model;
    }

    /** {@return the rewritten JSON} */
    byte[] json() {
        return json;
    }
}
