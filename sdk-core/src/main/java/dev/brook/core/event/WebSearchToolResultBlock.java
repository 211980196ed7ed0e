package dev.brook.core.event;

import dev.brook.core.internal.JsonFields;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code web_search_tool_result} block: the results of a web search the API ran.
 *
 * <p>The result is kept as sent in {@link #content()}, so the block writes back unchanged; the typed
 * accessors read its documented fields, and read empty when a field is absent or has another type.
 *
 * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
 * @param content the {@code content} field as sent: an array of {@code web_search_result} objects, or an error object
 * @param unknownFields other fields, such as {@code caller} (unmodifiable)
 */
public record WebSearchToolResultBlock(String toolUseId, JsonValue content, Map<String, JsonValue> unknownFields)
        implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param toolUseId the id of the {@link ServerToolUseBlock} this answers
     * @param content the {@code content} field as sent
     * @param unknownFields other fields (copied)
     * @throws NullPointerException if any argument is null
     */
    public WebSearchToolResultBlock {
        Objects.requireNonNull(toolUseId, "toolUseId");
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code web_search_tool_result}. */
    @Override
    public String type() {
        return "web_search_tool_result";
    }

    /** {@return the error code, such as {@code unavailable}, when the tool failed; empty on success} */
    public Optional<String> errorCode() {
        return JsonFields.errorCode(content);
    }

    /** {@return the search results, in order; empty on error} */
    public List<Result> results() {
        List<Result> out = new ArrayList<>();
        for (JsonValue r : JsonFields.array(content)) {
            if (JsonFields.string(r, "type").filter("web_search_result"::equals).isPresent()) {
                out.add(new Result(JsonFields.string(r, "url").orElse(""), JsonFields.string(r, "title").orElse(""),
                        JsonFields.string(r, "page_age"), JsonFields.string(r, "encrypted_content").orElse("")));
            }
        }
        return List.copyOf(out);
    }

    /**
     * One search result.
     *
     * @param url the page's URL
     * @param title the page's title
     * @param pageAge how old the page is, as the API gives it, when known
     * @param encryptedContent the page content, encrypted, to be sent back in later turns for citations
     */
    public record Result(String url, String title, Optional<String> pageAge, String encryptedContent) {
        /**
         * Checks the components.
         *
         * @param url the page's URL
         * @param title the page's title
         * @param pageAge how old the page is, when known
         * @param encryptedContent the encrypted page content
         * @throws NullPointerException if any argument is null
         */
        public Result {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(pageAge, "pageAge");
            Objects.requireNonNull(encryptedContent, "encryptedContent");
        }
    }
}
