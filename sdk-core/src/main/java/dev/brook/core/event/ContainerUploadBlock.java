package dev.brook.core.event;

import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code container_upload} block: a file that was placed in the code execution container.
 *
 * @param fileId the id of the uploaded file (Files API)
 * @param unknownFields fields not modelled here (unmodifiable)
 */
public record ContainerUploadBlock(String fileId, Map<String, JsonValue> unknownFields) implements ContentBlock {
    /**
     * Checks the components.
     *
     * @param fileId the id of the uploaded file
     * @param unknownFields fields not modelled here (copied)
     * @throws NullPointerException if any argument is null
     */
    public ContainerUploadBlock {
        Objects.requireNonNull(fileId, "fileId");
        unknownFields = JsonValueCodec.freeze(unknownFields);
    }

    /** Always {@code container_upload}. */
    @Override
    public String type() {
        return "container_upload";
    }
}
