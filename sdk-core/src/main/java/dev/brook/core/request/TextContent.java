package dev.brook.core.request;

import dev.brook.core.internal.ClientJson;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code text} block: {@code {"type":"text","text":...}}, with optional {@code citations} (as raw
 * JSON, typically echoed from an earlier response) and {@code cache_control}. Also the block type of a
 * system prompt given as blocks.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return changed copies.
 */
public final class TextContent implements RequestContent {
    private final String text;
    private final JsonValue citations;
    private final CacheControl cacheControl;

    private TextContent(String text, JsonValue citations, CacheControl cacheControl) {
        this.text = text;
        this.citations = citations;
        this.cacheControl = cacheControl;
    }

    /**
     * A text block holding {@code text}, without citations or cache control.
     *
     * @param text the text
     * @return the block
     */
    public static TextContent of(String text) {
        return new TextContent(Objects.requireNonNull(text, "text"), null, null);
    }

    /**
     * A copy with {@code citations} set to the given JSON array, e.g. the citations of a text
     * block of a previous response.
     *
     * @param citations a JSON array of citation objects
     * @return the changed copy
     * @throws IllegalArgumentException if {@code citations} is not a JSON array
     */
    public TextContent withCitations(JsonValue citations) {
        Objects.requireNonNull(citations, "citations");
        if (!(citations instanceof JsonValue.JsonArray)) {
            throw new IllegalArgumentException("citations must be a JSON array, was "
                    + JsonValueCodec.kind(citations));
        }
        return new TextContent(text, citations, cacheControl);
    }

    /**
     * A copy with the given prompt-caching breakpoint.
     *
     * @param cacheControl the breakpoint
     * @return the changed copy
     */
    public TextContent withCacheControl(CacheControl cacheControl) {
        return new TextContent(text, citations, Objects.requireNonNull(cacheControl, "cacheControl"));
    }

    @Override
    public String type() {
        return "text";
    }

    /** {@return the text} */
    public String text() {
        return text;
    }

    /** {@return the {@code citations} array, if set} */
    public Optional<JsonValue> citations() {
        return citations == null ? Optional.empty() : Optional.of(citations);
    }

    /** {@return the prompt-caching breakpoint, if set} */
    public Optional<CacheControl> cacheControl() {
        return Optional.ofNullable(cacheControl);
    }


    /** True when the block is only text, so a message holding just it may be sent as a plain string. */
    boolean isPlain() {
        return citations == null && cacheControl == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TextContent t && text.equals(t.text) && Objects.equals(citations, t.citations)
                && Objects.equals(cacheControl, t.cacheControl);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, citations, cacheControl);
    }

    /** The text abbreviated to 60 characters, and which options are set. */
    @Override
    public String toString() {
        return "TextContent{text=" + ClientJson.abbreviate(text, 60) + (citations == null ? "" : ", citations")
                + (cacheControl == null ? "" : ", " + cacheControl) + '}';
    }
}
