package dev.brook.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Message Batch as the API describes it ({@link Batches#create}, {@link Batches#retrieve},
 * {@link Batches#list()}, {@link Batches#cancel}). Date-times are RFC 3339 strings as received.
 * Immutable.
 */
public final class MessageBatch {
    private static final Set<String> KNOWN = Set.of("id", "type", "processing_status", "request_counts", "created_at",
            "expires_at", "ended_at", "archived_at", "cancel_initiated_at", "results_url");

    /**
     * How many of a batch's requests are in each state. Immutable.
     *
     * @param processing {@code processing}: not finished yet
     * @param succeeded {@code succeeded}
     * @param errored {@code errored}
     * @param canceled {@code canceled}
     * @param expired {@code expired}
     */
    public record RequestCounts(long processing, long succeeded, long errored, long canceled, long expired) {
        static RequestCounts from(JsonNode node) {
            if (node == null || !node.isObject()) {
                return new RequestCounts(0, 0, 0, 0, 0);
            }
            return new RequestCounts(count(node, "processing"), count(node, "succeeded"), count(node, "errored"),
                    count(node, "canceled"), count(node, "expired"));
        }

        private static long count(JsonNode node, String field) {
            return node.hasNonNull(field) ? EndpointJson.number(node, field) : 0;
        }
    }

    private final String id;
    private final String type;
    private final String processingStatus;
    private final RequestCounts requestCounts;
    private final String createdAt;
    private final String expiresAt;
    private final String endedAt;
    private final String archivedAt;
    private final String cancelInitiatedAt;
    private final String resultsUrl;
    private final Map<String, JsonValue> unknownFields;

    private MessageBatch(JsonNode node) {
        this.id = EndpointJson.text(node, "id");
        this.type = orEmpty(EndpointJson.optionalText(node, "type"));
        this.processingStatus = orEmpty(EndpointJson.optionalText(node, "processing_status"));
        this.requestCounts = RequestCounts.from(node.get("request_counts"));
        this.createdAt = orEmpty(EndpointJson.optionalText(node, "created_at"));
        this.expiresAt = orEmpty(EndpointJson.optionalText(node, "expires_at"));
        this.endedAt = EndpointJson.optionalText(node, "ended_at");
        this.archivedAt = EndpointJson.optionalText(node, "archived_at");
        this.cancelInitiatedAt = EndpointJson.optionalText(node, "cancel_initiated_at");
        this.resultsUrl = EndpointJson.optionalText(node, "results_url");
        this.unknownFields = EndpointJson.unknown(node, KNOWN);
    }

    static MessageBatch from(JsonNode node) {
        return new MessageBatch(node);
    }

    static MessageBatch fromJson(byte[] body) {
        return new MessageBatch(EndpointJson.object(body, 0, -1));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** {@return {@code id}, such as {@code msgbatch_01...}} */
    public String id() {
        return id;
    }

    /** {@return {@code type}: {@code message_batch}} */
    public String type() {
        return type;
    }

    /** {@return {@code processing_status}: {@code in_progress}, {@code canceling} or {@code ended} (the set may grow)} */
    public String processingStatus() {
        return processingStatus;
    }

    /** {@return whether {@link #processingStatus()} is {@code ended}: every request has its result} */
    public boolean isEnded() {
        return processingStatus.equals("ended");
    }

    /** {@return {@code request_counts}; zeros for counts the API did not send} */
    public RequestCounts requestCounts() {
        return requestCounts;
    }

    /** {@return {@code created_at}; empty when the API sent none} */
    public String createdAt() {
        return createdAt;
    }

    /** {@return {@code expires_at}: when processing stops, 24 hours after creation; empty when absent} */
    public String expiresAt() {
        return expiresAt;
    }

    /** {@return {@code ended_at}, once processing ended} */
    public Optional<String> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** {@return {@code archived_at}, once the results are no longer available} */
    public Optional<String> archivedAt() {
        return Optional.ofNullable(archivedAt);
    }

    /** {@return {@code cancel_initiated_at}, once a cancel was asked for} */
    public Optional<String> cancelInitiatedAt() {
        return Optional.ofNullable(cancelInitiatedAt);
    }

    /** {@return {@code results_url}: where {@link Batches#results(MessageBatch)} reads, once processing ended} */
    public Optional<String> resultsUrl() {
        return Optional.ofNullable(resultsUrl);
    }

    /** {@return the batch's other fields, kept as received, in order; unmodifiable} */
    public Map<String, JsonValue> unknownFields() {
        return unknownFields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageBatch b && b.id.equals(id) && b.type.equals(type)
                && b.processingStatus.equals(processingStatus) && b.requestCounts.equals(requestCounts)
                && b.createdAt.equals(createdAt) && b.expiresAt.equals(expiresAt) && Objects.equals(b.endedAt, endedAt)
                && Objects.equals(b.archivedAt, archivedAt) && Objects.equals(b.cancelInitiatedAt, cancelInitiatedAt)
                && Objects.equals(b.resultsUrl, resultsUrl) && b.unknownFields.equals(unknownFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, processingStatus, requestCounts, createdAt, endedAt, resultsUrl);
    }

    @Override
    public String toString() {
        return "MessageBatch{id=" + id + ", processingStatus=" + processingStatus + ", " + requestCounts + "}";
    }
}
