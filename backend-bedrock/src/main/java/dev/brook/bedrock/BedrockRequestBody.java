package dev.brook.bedrock;

import dev.brook.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Messages request body as Bedrock takes it: the model moves to the URL, the stream flag to the
 * operation's name, the API version and the betas from headers into the body.
 */
final class BedrockRequestBody {
    /** The Messages API version Bedrock's Anthropic models speak, sent as {@code anthropic_version}. */
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private final String modelId;
    private final byte[] json;

    private BedrockRequestBody(String modelId, byte[] json) {
        this.modelId = modelId;
        this.json = json;
    }

    /**
     * Rewrites {@code body}.
     *
     * @param body the direct API's JSON body
     * @param betaHeader the {@code anthropic-beta} header's comma-separated betas, or {@code null}
     * @throws IllegalArgumentException if the body is not a JSON object with a string {@code model}
     */
    static BedrockRequestBody of(byte[] body, String betaHeader) {
        JsonValue parsed = JsonValue.parse(new String(body, StandardCharsets.UTF_8));
        if (!(parsed instanceof JsonValue.JsonObject object)) {
            throw new IllegalArgumentException("A Messages request body must be a JSON object");
        }
        String modelId = object.get("model").flatMap(JsonValue::asString)
                .filter(m -> !m.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("The request has no model: Bedrock needs the "
                        + "model id (such as anthropic.claude-sonnet-4-5-20250929-v1:0, an inference profile id "
                        + "or an ARN) in MessageRequest.builder().model(...)"));
        Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
        members.remove("model");
        members.remove("stream");
        members.put("anthropic_version", JsonValue.of(ANTHROPIC_VERSION));
        List<JsonValue> betas = new ArrayList<>();
        // Betas a caller put in the body already are kept; the header's follow, without repeats.
        if (members.get("anthropic_beta") instanceof JsonValue.JsonArray given) {
            betas.addAll(given.elements());
        }
        if (betaHeader != null) {
            for (String beta : betaHeader.split(",")) {
                JsonValue value = JsonValue.of(beta.trim());
                if (!beta.isBlank() && !betas.contains(value)) {
                    betas.add(value);
                }
            }
        }
        if (!betas.isEmpty()) {
            members.put("anthropic_beta", new JsonValue.JsonArray(betas));
        }
        return new BedrockRequestBody(modelId,
                new JsonValue.JsonObject(members).toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** {@return the model id, inference profile id or ARN the body named, not yet path-encoded} */
    String modelId() {
        return modelId;
    }

    /** {@return the rewritten JSON body; the caller must not modify it} */
    byte[] json() {
        return json;
    }

    /**
     * The model id as one path segment, encoded as AWS's SDKs encode it: every byte but the RFC 3986
     * unreserved characters becomes {@code %XX}, so {@code :} is {@code %3A} and the {@code /} of an ARN
     * is {@code %2F}.
     */
    String encodedModelId() {
        byte[] utf8 = modelId.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 8);
        for (byte b : utf8) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
