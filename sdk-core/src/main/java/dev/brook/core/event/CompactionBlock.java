package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code compaction} block (beta, context management): the API's summary of earlier turns, which
 * replaces them when the block is sent back. Its text streams as {@code compaction_delta} events.
 *
 * @param content the summary; empty while nothing has arrived (written as {@code "content": null})
 * @param unknownFields fields not modelled here (unmodifiable)
 */
public record CompactionBlock(Optional<String> content, Map<String, JsonValue> unknownFields)
        implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param content the summary, when there is one
     * @param unknownFields fields not modelled here (copied)
     * @throws NullPointerException if any argument is null
     */
    public CompactionBlock {
        Objects.requireNonNull(content, "content");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code compaction}. */
    @Override
    public String type() {
        return "compaction";
    }
}
