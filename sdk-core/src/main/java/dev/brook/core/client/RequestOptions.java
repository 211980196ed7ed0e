package dev.brook.core.client;

import dev.brook.core.request.MessageRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings for one call, over the client's: extra headers, extra betas, idle and total timeouts, and
 * the number of retries. Pass them to {@link Messages#stream(MessageRequest, RequestOptions)} and the
 * async and {@code create} variants.
 *
 * <pre>{@code
 * RequestOptions quick = RequestOptions.builder()
 *         .totalTimeout(Duration.ofSeconds(20))
 *         .maxRetries(0)
 *         .header("x-trace-id", traceId)
 *         .build();
 * try (MessageStream stream = brook.messages().stream(request, quick)) { ... }
 * }</pre>
 *
 * <p>A setting left unset keeps the client's value. Betas add to the client's. Headers are added to the
 * request; a header Brook sets itself cannot be given here (see {@link Builder#header}). Immutable and
 * thread-safe.
 */
public final class RequestOptions {
    /**
     * Headers Brook sets on every request and that per-call options cannot replace: credentials,
     * protocol version, framing and content negotiation. Betas go through {@link Builder#addBeta}.
     */
    static final Set<String> RESERVED_HEADERS = Set.of("x-api-key", "authorization", "anthropic-version",
            "anthropic-beta", "content-type", "content-length", "accept", "host", "transfer-encoding", "connection");

    private static final RequestOptions NONE = builder().build();

    private final Map<String, List<String>> headers;
    private final List<String> betas;
    private final Duration idleTimeout;
    private final Duration totalTimeout;
    private final Integer maxRetries;

    private RequestOptions(Builder b) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        b.headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        this.headers = Map.copyOf(copy);
        this.betas = List.copyOf(b.betas);
        this.idleTimeout = b.idleTimeout;
        this.totalTimeout = b.totalTimeout;
        this.maxRetries = b.maxRetries;
    }

    /** {@return options that change nothing: every setting is the client's} */
    public static RequestOptions none() {
        return NONE;
    }

    /**
     * A builder with nothing set. Not thread-safe.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the extra headers, by lower-case name; empty when none were given} */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** {@return the betas added for this call to the client's {@code anthropic-beta} list; empty when none} */
    public List<String> betas() {
        return betas;
    }

    /** {@return the idle timeout for this call, when it overrides the client's} */
    public Optional<Duration> idleTimeout() {
        return Optional.ofNullable(idleTimeout);
    }

    /** {@return the total timeout for this call, when it overrides the client's} */
    public Optional<Duration> totalTimeout() {
        return Optional.ofNullable(totalTimeout);
    }

    /** {@return the number of retries for this call, when it overrides the client's} */
    public Optional<Integer> maxRetries() {
        return Optional.ofNullable(maxRetries);
    }

    /** The settings given, with header names but never their values (they may carry credentials). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RequestOptions{");
        if (!headers.isEmpty()) {
            sb.append("headers=").append(headers.keySet()).append(", ");
        }
        if (!betas.isEmpty()) {
            sb.append("betas=").append(betas).append(", ");
        }
        if (idleTimeout != null) {
            sb.append("idleTimeout=").append(idleTimeout).append(", ");
        }
        if (totalTimeout != null) {
            sb.append("totalTimeout=").append(totalTimeout).append(", ");
        }
        if (maxRetries != null) {
            sb.append("maxRetries=").append(maxRetries).append(", ");
        }
        if (sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 2);
        }
        return sb.append('}').toString();
    }

    /** Builds {@link RequestOptions}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final List<String> betas = new ArrayList<>();
        private Duration idleTimeout;
        private Duration totalTimeout;
        private Integer maxRetries;

        private Builder() {
        }

        /**
         * Adds a header to this call's request (several values of one name are all sent). Names are
         * case-insensitive.
         *
         * @param name the header name
         * @param value one value of the header
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or one Brook sets itself
         *     ({@code x-api-key}, {@code authorization}, {@code anthropic-version}, {@code anthropic-beta},
         *     {@code content-type}, {@code content-length}, {@code accept}, {@code host},
         *     {@code transfer-encoding}, {@code connection}): credentials belong on the client
         *     ({@code Brook.builder().apiKey(...)}), betas on {@link #addBeta}
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            String key = name.trim().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("header name must not be blank");
            }
            if (RESERVED_HEADERS.contains(key)) {
                throw new IllegalArgumentException("Header '" + key + "' is set by Brook and cannot be given per call"
                        + (key.equals("anthropic-beta") ? "; add betas with RequestOptions.builder().addBeta(...)"
                                : key.equals("x-api-key") || key.equals("authorization")
                                        ? "; use a client with other credentials: brook.newBuilder().apiKey(...).build()"
                                        : "") + '.');
            }
            headers.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            return this;
        }

        /**
         * Adds a beta to this call's {@code anthropic-beta} header, after the client's.
         *
         * @param beta the beta's name
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder addBeta(String beta) {
            Objects.requireNonNull(beta, "beta");
            if (beta.isBlank()) {
                throw new IllegalArgumentException("beta must not be blank");
            }
            betas.add(beta.trim());
            return this;
        }

        /**
         * This call's idle timeout: the longest silence while waiting for headers or between body bytes.
         * Zero disables it. Default: the client's.
         *
         * @param timeout the idle timeout, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = nonNegative(timeout, "idleTimeout");
            return this;
        }

        /**
         * This call's total timeout, from the call's start, across retries, to its last event. Zero
         * disables it. Default: the client's.
         *
         * @param timeout the total timeout, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = nonNegative(timeout, "totalTimeout");
            return this;
        }

        /**
         * This call's retries before its first body byte. Default: the client's; range 0 to 10.
         *
         * @param maxRetries how many times the call may be retried, 0 to 10
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = checkMaxRetries(maxRetries);
            return this;
        }

        /** {@return the options as given so far} */
        public RequestOptions build() {
            return new RequestOptions(this);
        }

        /** The one range check of a retry count, here and on {@link Brook.Builder#maxRetries}. */
        static int checkMaxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > 10) {
                throw new IllegalArgumentException("maxRetries must be between 0 and 10: " + maxRetries);
            }
            return maxRetries;
        }

        /** The one check of a timeout that may be zero, here and on {@link Brook.Builder#totalTimeout}. */
        static Duration nonNegative(Duration timeout, String name) {
            Objects.requireNonNull(timeout, name);
            if (timeout.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + timeout);
            }
            return timeout;
        }
    }
}
