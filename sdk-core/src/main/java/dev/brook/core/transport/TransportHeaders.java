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

    /** No headers. */
    public static TransportHeaders empty() {
        return EMPTY;
    }

    /**
     * Headers from a map of names to values, such as an HTTP stack's own header map. Names differing
     * only in case are merged. {@code null} names (the status line in {@code HttpURLConnection}) are
     * skipped.
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
     */
    public static TransportHeaders ofEntries(Iterable<? extends Map.Entry<String, String>> headers) {
        Builder b = builder();
        for (Map.Entry<String, String> header : headers) {
            b.add(header.getKey(), header.getValue());
        }
        return b.build();
    }

    /** A builder, for transports that receive headers one by one. Not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** The first value of {@code name}, compared case-insensitively. */
    public Optional<String> firstValue(String name) {
        List<String> values = map.get(Objects.requireNonNull(name, "name"));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Every value of {@code name}, in order; empty when absent. */
    public List<String> allValues(String name) {
        List<String> values = map.get(Objects.requireNonNull(name, "name"));
        return values == null ? List.of() : values;
    }

    /** The header names, in case-insensitive order. */
    public Set<String> names() {
        return map.keySet();
    }

    /** The headers as an unmodifiable, case-insensitive map. */
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

        /** Adds a value to {@code name}, after any it already has. */
        public Builder add(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            map.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            return this;
        }

        /** Replaces every value of {@code name} with {@code value}. */
        public Builder set(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            List<String> values = new ArrayList<>(1);
            values.add(value);
            map.put(name, values);
            return this;
        }

        public TransportHeaders build() {
            TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            map.forEach((name, values) -> copy.put(name, List.copyOf(values)));
            return new TransportHeaders(copy);
        }
    }
}
