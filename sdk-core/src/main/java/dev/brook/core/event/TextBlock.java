package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code text} block.
 *
 * @param text the text; never null
 * @param citations the {@code citations} array (raw citation objects) when the block has one; empty when
 *     the block has no {@code citations} field (which is not the same JSON as {@code citations: []})
 * @param unknownFields fields not modelled here, raw (unmodifiable)
 */
public record TextBlock(String text, Optional<List<JsonValue>> citations, Map<String, JsonValue> unknownFields)
        implements ContentBlock {

    /**
     * @param text the text; never null
     * @param citations the {@code citations} array (raw citation objects) when the block has one; empty when
     *     the block has no {@code citations} field (which is not the same JSON as {@code citations: []})
     * @param unknownFields fields not modelled here, raw (unmodifiable)
     * @throws NullPointerException if any argument (or a list element) is null
     */
    public TextBlock {
        Objects.requireNonNull(text, "text");
        citations = Objects.requireNonNull(citations, "citations").map(List::copyOf);
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /**
     * A text block with no citations field and no unknown fields.
     *
     * @param text the text
     * @throws NullPointerException if {@code text} is null
     */
    public TextBlock(String text) {
        this(text, Optional.empty(), Map.of());
    }

    /** {@return the citations, typed; empty when the block has none} */
    public List<Citation> typedCitations() {
        return citations.map(list -> list.stream().map(Citation::of).toList()).orElse(List.of());
    }

    /** Always {@code text}. */
    @Override
    public String type() {
        return "text";
    }
}
