package dev.brook.core.client;

import dev.brook.core.request.MessageRequest;
import java.util.Objects;

/**
 * One request of a Message Batch ({@link Batches#create}): the request, sent as the non-streaming
 * {@code params}, and the id that names its result. Immutable.
 *
 * @param customId {@code custom_id}: the id its {@link BatchResult} carries, unique in the batch; 1 to 64
 *     letters, digits, {@code _} or {@code -}
 * @param params the request, sent without {@code stream}
 */
public record BatchRequest(String customId, MessageRequest params) {
    /**
     * @param customId {@code custom_id}, 1 to 64 of {@code [a-zA-Z0-9_-]}
     * @param params the request
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code customId} is empty, longer than 64 or has another character
     */
    public BatchRequest {
        Objects.requireNonNull(customId, "customId");
        Objects.requireNonNull(params, "params");
        if (!customId.matches("[a-zA-Z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("customId must be 1 to 64 of [a-zA-Z0-9_-], got \"" + customId + "\"");
        }
    }

    /**
     * @param customId {@code custom_id}, 1 to 64 of {@code [a-zA-Z0-9_-]}
     * @param params the request
     * @return the batch request
     * @throws IllegalArgumentException if {@code customId} is not valid
     */
    public static BatchRequest of(String customId, MessageRequest params) {
        return new BatchRequest(customId, params);
    }
}
