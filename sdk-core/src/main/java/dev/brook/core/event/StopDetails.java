package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the model stopped, beyond the {@link StopReason}: the {@code stop_details} object, today sent with
 * {@code refusal} (the policy category and an explanation).
 *
 * @param type the details' {@code type}, such as {@code refusal} ({@code ""} when absent)
 * @param category the refusal's category, when given
 * @param explanation the explanation, when given
 * @param raw the whole {@code stop_details} object as sent
 */
public record StopDetails(String type, Optional<String> category, Optional<String> explanation, JsonValue raw) {
    /**
     * Checks the components.
     *
     * @param type the details' {@code type}
     * @param category the refusal's category, when given
     * @param explanation the explanation, when given
     * @param raw the whole object as sent
     * @throws NullPointerException if any argument is null
     */
    public StopDetails {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Reads a {@code stop_details} value; anything but an object gives empty.
     *
     * @param raw the {@code stop_details} value
     * @return the details, or empty when {@code raw} is not an object
     */
    public static Optional<StopDetails> of(JsonValue raw) {
        if (!(raw instanceof JsonValue.JsonObject)) {
            return Optional.empty();
        }
        return Optional.of(new StopDetails(JsonFields.string(raw, "type").orElse(""),
                JsonFields.string(raw, "category"), JsonFields.string(raw, "explanation"), raw));
    }
}
