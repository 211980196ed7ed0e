package dev.brook.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The answer of {@link Messages#countTokens}: how many input tokens a request would take. Immutable.
 *
 * @param inputTokens {@code input_tokens}: the tokens of the request's system prompt, messages and tools
 * @param unknownFields the reply's other fields, kept as received, in order; unmodifiable
 */
public record TokenCount(long inputTokens, Map<String, JsonValue> unknownFields) {
    private static final Set<String> KNOWN = Set.of("input_tokens");

    /**
     * @param inputTokens {@code input_tokens}, 0 or more
     * @param unknownFields the reply's other fields; copied
     * @throws IllegalArgumentException if {@code inputTokens} is negative
     */
    public TokenCount {
        if (inputTokens < 0) {
            throw new IllegalArgumentException("inputTokens < 0: " + inputTokens);
        }
        unknownFields = JsonValueCodec.freeze(Objects.requireNonNull(unknownFields, "unknownFields"));
    }

    static TokenCount fromJson(byte[] body) {
        JsonNode root = EndpointJson.object(body, 0, -1);
        return new TokenCount(EndpointJson.number(root, "input_tokens"), EndpointJson.unknown(root, KNOWN));
    }
}
