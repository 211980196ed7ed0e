package dev.brook.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One model of {@link Models#list()} or {@link Models#retrieve(String)}. Immutable.
 *
 * @param id {@code id}, the name to put in a request, such as {@code claude-opus-4-6}
 * @param displayName {@code display_name}, for people
 * @param createdAt {@code created_at}: when the model was released, an RFC 3339 date-time as received
 * @param type {@code type}: {@code model}
 * @param unknownFields the model's other fields, kept as received, in order; unmodifiable
 */
public record ModelInfo(String id, String displayName, String createdAt, String type,
        Map<String, JsonValue> unknownFields) {
    private static final Set<String> KNOWN = Set.of("id", "display_name", "created_at", "type");

    /**
     * @param id {@code id}
     * @param displayName {@code display_name}; empty when the API sent none
     * @param createdAt {@code created_at}; empty when the API sent none
     * @param type {@code type}
     * @param unknownFields the other fields; copied
     * @throws NullPointerException if an argument is null
     */
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(type, "type");
        unknownFields = JsonValueCodec.freeze(Objects.requireNonNull(unknownFields, "unknownFields"));
    }

    static ModelInfo from(JsonNode node) {
        String displayName = EndpointJson.optionalText(node, "display_name");
        String createdAt = EndpointJson.optionalText(node, "created_at");
        String type = EndpointJson.optionalText(node, "type");
        return new ModelInfo(EndpointJson.text(node, "id"), displayName == null ? "" : displayName,
                createdAt == null ? "" : createdAt, type == null ? "model" : type, EndpointJson.unknown(node, KNOWN));
    }

    static ModelInfo fromJson(byte[] body) {
        return from(EndpointJson.object(body, 0, -1));
    }
}
