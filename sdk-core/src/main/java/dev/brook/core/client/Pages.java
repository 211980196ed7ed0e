package dev.brook.core.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Every item of a list endpoint, one page fetched at a time, only when needed. Not API. */
final class Pages {
    private Pages() {
    }

    static <T> Stream<T> all(PageRequest first, Function<PageRequest, Page<T>> fetch) {
        Iterator<T> items = new Iterator<>() {
            private PageRequest next = first;
            private Iterator<T> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (next == null) {
                        return false;
                    }
                    PageRequest asked = next;
                    Page<T> page = fetch.apply(asked);
                    next = page.next(asked).orElse(null);
                    current = page.data().iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }
}
