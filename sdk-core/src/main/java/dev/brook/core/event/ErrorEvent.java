package dev.brook.core.event;

import dev.brook.core.json.JsonValue;
import java.util.Objects;

/**
 * {@code error}: the server ends the stream with an error, such as {@code overloaded_error}. A stream
 * raises it as a {@link dev.brook.core.error.StreamErrorException} carrying the snapshot so far.
 *
 * @param errorType the {@code error.type} ({@code ""} when absent)
 * @param errorMessage the {@code error.message} ({@code ""} when absent)
 * @param raw the whole event data as received
 */
public record ErrorEvent(String errorType, String errorMessage, JsonValue raw) implements StreamEvent {
    /**
     * @param errorType the {@code error.type} ({@code ""} when absent)
     * @param errorMessage the {@code error.message} ({@code ""} when absent)
     * @param raw the whole event data as received
     * @throws NullPointerException if any argument is null
     */
    public ErrorEvent {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(errorMessage, "errorMessage");
        Objects.requireNonNull(raw, "raw");
    }

    /** Always {@code error}. */
    @Override
    public String type() {
        return "error";
    }
}
