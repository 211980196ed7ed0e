package dev.brook.core.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * HTTP header fields: names compared case-insensitively, each with one or more values in the order
 * received. Immutable and thread-safe.
 */
public final class TransportHeaders {
    private static final TransportHeaders EMPTY = new TransportHeaders(new TreeMap<>(String.CASE_INSENSITIVE_ORDER));

    private final Map<String, List<String>> map;

    private TransportHeaders(TreeMap<String, List<String>> map) {
        this.map = Collections.unmodifiableMap(map);
    }

    /** {@return headers with no fields} */
    public static TransportHeaders empty() {
        return EMPTY;
    }

    /**
     * Headers from a map of names to values, such as an HTTP stack's own header map. Names differing
     * only in case are merged. {@code null} names (the status line in {@code HttpURLConnection}) are
     * skipped.
     *
     * @param headers each name with its values, in order
     * @return the headers, copied
     */
    public static TransportHeaders of(Map<String, ? extends List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
            }
        });
        copy.replaceAll((name, values) -> List.copyOf(values));
        return new TransportHeaders(copy);
    }

    /**
     * Headers from a stack's own sequence of name-value pairs (such as Vert.x's {@code MultiMap}), in
     * order; repeated names keep every value.
     *
     * @param headers the name-value pairs, in the order received
     * @return the headers, copied
     * @throws NullPointerException if a name or value is null
     */
    public static TransportHeaders ofEntries(Iterable<? extends Map.Entry<String, String>> headers) {
        Builder b = builder();
        for (Map.Entry<String, String> header : headers) {
            b.add(header.getKey(), header.getValue());
        }
        return b.build();
    }

    /**
     * A builder, for transports that receive headers one by one. Not thread-safe.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The first value of {@code name}, compared case-insensitively.
     *
     * @param name the header name, in any case
     * @return the first value; empty when the header is absent
     */
    public Optional<String> firstValue(String name) {
        List<String> values = map.get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * Every value of {@code name}, in order; empty when absent.
     *
     * @param name the header name, in any case
     * @return the values, unmodifiable
     */
    public List<String> allValues(String name) {
        List<String> values = map.get(Objects.requireNonNull(name, "name"));
        return values == null ? List.of() : values;
    }

    /** {@return the header names, in case-insensitive order} */
    public Set<String> names() {
        return map.keySet();
    }

    /** {@return the headers as an unmodifiable, case-insensitive map} */
    public Map<String, List<String>> map() {
        return map;
    }

    /** Lists the headers with the values of credentials ({@code x-api-key}, {@code authorization}) hidden. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        map.forEach((name, values) -> {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(name).append('=').append(isSecret(name) ? "[redacted]" : String.join(",", values));
        });
        return sb.append('}').toString();
    }

    static boolean isSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("x-api-key") || n.equals("authorization") || n.equals("proxy-authorization");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransportHeaders h && map.equals(h.map);
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    /** Collects header fields. Not thread-safe. */
    public static final class Builder {
        private final TreeMap<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        private Builder() {
        }

        /**
         * Adds a value to {@code name}, after any it already has.
         *
         * @param name the header name; names differing only in case are one header
         * @param value the value to add
         * @return this builder
         */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            map.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Replaces every value of {@code name} with {@code value}.
         *
         * @param name the header name, in any case
         * @param value the only value it will have
         * @return this builder
         */
        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            List<String> values = new ArrayList<>(1);
            values.add(value);
            map.put(name, values);
            return this;
        }

        /** {@return the headers collected so far} */
        public TransportHeaders build() {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            map.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            return new TransportHeaders(copy);
        }
    }
}
