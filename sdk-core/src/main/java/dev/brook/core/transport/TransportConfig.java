package dev.brook.core.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a {@link TransportProvider} applies when it creates a transport of its own. A transport
 * built around a user's configured client ({@code OkHttpTransport.of(client)} and the like) keeps that
 * client's settings instead. Either way the core enforces the connect and idle timeouts itself (see
 * {@link TransportExchange}); a created client's own timeouts are only backstops
 * ({@link #connectBackstop()}, {@link #readBackstop()}). Immutable and thread-safe.
 */
public final class TransportConfig {
    private static final TransportConfig DEFAULTS = builder().build();
    private static final Duration MIN_BACKSTOP_MARGIN = Duration.ofSeconds(2);

    private final Duration connectTimeout;
    private final Duration idleTimeout;

    private TransportConfig(Builder b) {
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
    }

    /** {@return the default settings: connect timeout 10 s, idle timeout 60 s} */
    public static TransportConfig defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults. Not thread-safe.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the longest time to establish a connection (TCP and TLS)} */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Longest silence allowed while waiting for the response headers or between body bytes;
     * {@link Duration#ZERO} means none. The core enforces it; see {@link #readBackstop()} for a stack's
     * own read timeout.
     *
     * @return the idle timeout, or {@link Duration#ZERO} when disabled
     */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * The connect timeout to give the stack of a client the transport creates: looser than the core's
     * {@link #connectTimeout()} (by half of it, at least 2 s), so that the core's timeout, with its
     * {@code kind()} and advice, is what users see, and the stack's only catches a core that could not
     * act.
     *
     * @return the stack's connect timeout, always positive
     */
    public Duration connectBackstop() {
        return backstop(connectTimeout);
    }

    /**
     * The read (socket or response) timeout to give the stack of a client the transport creates, looser
     * than the core's {@link #idleTimeout()} as {@link #connectBackstop()} is; {@link Duration#ZERO}
     * (none) when the idle timeout is disabled.
     *
     * @return the stack's read timeout, or {@link Duration#ZERO} for none
     */
    public Duration readBackstop() {
        return backstop(idleTimeout);
    }

    private static Duration backstop(Duration coreTimeout) {
        if (coreTimeout.isZero()) {
            return Duration.ZERO;
        }
        Duration margin = coreTimeout.dividedBy(2);
        return coreTimeout.plus(margin.compareTo(MIN_BACKSTOP_MARGIN) < 0 ? MIN_BACKSTOP_MARGIN : margin);
    }

    /** Builds {@link TransportConfig} values. Not thread-safe. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /**
         * Longest time to connect. Default 10 s.
         *
         * @param timeout the connect timeout, positive
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Longest silence while waiting for the headers or between body bytes. Default 60 s; zero
         * disables it.
         *
         * @param timeout the idle timeout, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "idleTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("idleTimeout must not be negative: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** {@return the settings as given so far} */
        public TransportConfig build() {
            return new TransportConfig(this);
        }
    }
}
