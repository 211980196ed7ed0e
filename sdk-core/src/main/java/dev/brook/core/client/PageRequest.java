package dev.brook.core.client;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which page a list endpoint returns: a page size ({@code limit}) and at most one cursor
 * ({@code after_id} or {@code before_id}). Immutable; each {@code with…} method returns a new request.
 *
 * <pre>{@code
 * Page<ModelInfo> first = brook.models().list(PageRequest.ofLimit(20));
 * Page<ModelInfo> second = brook.models().list(first.next(PageRequest.ofLimit(20)).orElseThrow());
 * }</pre>
 */
public final class PageRequest {
    private static final PageRequest FIRST = new PageRequest(0, null, null);

    private final int limit;
    private final String afterId;
    private final String beforeId;

    private PageRequest(int limit, String afterId, String beforeId) {
        this.limit = limit;
        this.afterId = afterId;
        this.beforeId = beforeId;
    }

    /** {@return the first page with the API's default size (20 today)} */
    public static PageRequest first() {
        return FIRST;
    }

    /**
     * The first page with {@code limit} items at most.
     *
     * @param limit the page size, 1 to 1000 (the API's range)
     * @return the request
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    public static PageRequest ofLimit(int limit) {
        return FIRST.withLimit(limit);
    }

    /**
     * This request with another page size.
     *
     * @param limit the page size, 1 to 1000 (the API's range)
     * @return a new request
     * @throws IllegalArgumentException if {@code limit} is out of range
     */
    public PageRequest withLimit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1 to 1000: " + limit);
        }
        return new PageRequest(limit, afterId, beforeId);
    }

    /**
     * This request for the items right after {@code id}, dropping any {@code before_id}.
     *
     * @param id an item id, usually a page's {@link Page#lastId()}
     * @return a new request
     * @throws NullPointerException if {@code id} is null
     */
    public PageRequest withAfterId(String id) {
        return new PageRequest(limit, Objects.requireNonNull(id, "id"), null);
    }

    /**
     * This request for the items right before {@code id}, dropping any {@code after_id}.
     *
     * @param id an item id, usually a page's {@link Page#firstId()}
     * @return a new request
     * @throws NullPointerException if {@code id} is null
     */
    public PageRequest withBeforeId(String id) {
        return new PageRequest(limit, null, Objects.requireNonNull(id, "id"));
    }

    /** {@return the page size; empty for the API's default} */
    public OptionalInt limit() {
        return limit == 0 ? OptionalInt.empty() : OptionalInt.of(limit);
    }

    /** {@return the {@code after_id} cursor, if any} */
    public Optional<String> afterId() {
        return Optional.ofNullable(afterId);
    }

    /** {@return the {@code before_id} cursor, if any} */
    public Optional<String> beforeId() {
        return Optional.ofNullable(beforeId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PageRequest p && p.limit == limit && Objects.equals(p.afterId, afterId)
                && Objects.equals(p.beforeId, beforeId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit, afterId, beforeId);
    }

    @Override
    public String toString() {
        return "PageRequest{limit=" + (limit == 0 ? "default" : limit) + (afterId != null ? ", afterId=" + afterId : "")
                + (beforeId != null ? ", beforeId=" + beforeId : "") + "}";
    }
}
