package dev.brook.core.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list endpoint ({@link Models#list(PageRequest)}, {@link Batches#list(PageRequest)}):
 * the items and the cursors to the pages around it. Immutable.
 *
 * <p>To read every item without handling cursors, use {@link Models#listAll(PageRequest)} or
 * {@link Batches#listAll(PageRequest)}, which fetch the next page only when the items so far are used up.
 *
 * @param <T> the item type
 */
public final class Page<T> {
    private final List<T> data;
    private final boolean hasMore;
    private final String firstId;
    private final String lastId;

    Page(List<T> data, boolean hasMore, String firstId, String lastId) {
        this.data = List.copyOf(data);
        this.hasMore = hasMore;
        this.firstId = firstId;
        this.lastId = lastId;
    }

    /** {@return {@code data}: this page's items, in the API's order; unmodifiable} */
    public List<T> data() {
        return data;
    }

    /** {@return {@code has_more}: whether there are items beyond this page in the direction asked for} */
    public boolean hasMore() {
        return hasMore;
    }

    /** {@return {@code first_id}: the id of the first item, the cursor for {@link PageRequest#withBeforeId(String)}} */
    public Optional<String> firstId() {
        return Optional.ofNullable(firstId);
    }

    /** {@return {@code last_id}: the id of the last item, the cursor for {@link PageRequest#withAfterId(String)}} */
    public Optional<String> lastId() {
        return Optional.ofNullable(lastId);
    }

    /**
     * The request for the page after this one in the direction of {@code asked}: after {@link #lastId()}
     * when {@code asked} paged forwards, before {@link #firstId()} when it paged back with a
     * {@code before_id}. Empty when there is no such page.
     *
     * @param asked the request that returned this page
     * @return the next page's request, with the same limit; empty when {@link #hasMore()} is false or the
     *     cursor is missing
     */
    public Optional<PageRequest> next(PageRequest asked) {
        Objects.requireNonNull(asked, "asked");
        if (!hasMore) {
            return Optional.empty();
        }
        if (asked.beforeId().isPresent()) {
            return firstId().map(id -> asked.withBeforeId(id));
        }
        return lastId().map(id -> asked.withAfterId(id));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Page<?> p && p.hasMore == hasMore && p.data.equals(data) && Objects.equals(p.firstId, firstId)
                && Objects.equals(p.lastId, lastId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(data, hasMore, firstId, lastId);
    }

    @Override
    public String toString() {
        return "Page{" + data.size() + " items, hasMore=" + hasMore + ", firstId=" + firstId + ", lastId=" + lastId + "}";
    }
}
