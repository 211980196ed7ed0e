package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code web_fetch_tool_result} block: a page the API fetched.
 *
 * <p>The result is kept as sent in {@link #content()}, so the block writes back unchanged; the typed
 * accessors read its documented fields, and read empty when a field is absent or has another type.
 *
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field as sent: a {@code web_fetch_result} object, or an error object
 * @param unknownFields other fields, such as {@code caller} (unmodifiable)
 */
public record WebFetchToolResultBlock(String toolUseId, JsonValue content, Map<String, JsonValue> unknownFields)
        implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field as sent
     * @param unknownFields other fields (copied)
     * @throws NullPointerException if any argument is null
     */
    public WebFetchToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code web_fetch_tool_result}. */
    @Override
    public String type() {
        return "web_fetch_tool_result";
    }

    /** {@return the error code, such as {@code unavailable}, when the tool failed; empty on success} */
    public Optional<String> errorCode() {
        return JsonFields.errorCode(content);
    }

    /** {@return the URL that was fetched, on success} */
    public Optional<String> url() {
        return JsonFields.string(content, "url");
    }

    /** {@return when the page was retrieved, as the API gives it (an ISO 8601 time), on success} */
    public Optional<String> retrievedAt() {
        return JsonFields.string(content, "retrieved_at");
    }

    /** {@return the fetched document block (its {@code source}, {@code title}, citations), on success} */
    public Optional<JsonValue> document() {
        return JsonFields.at(content, "content");
    }
}
