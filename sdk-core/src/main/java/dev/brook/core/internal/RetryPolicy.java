package dev.brook.core.internal;

import dev.brook.core.transport.TransportHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before retrying a request that failed before its first body byte:
 * connection errors, 408, 409, 429, 5xx and 529, with {@code x-should-retry} overriding both ways.
 * Immutable.
 */
public final class RetryPolicy {
    static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(60);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final int maxRetries;

    public RetryPolicy(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** Whether a response with this status and these headers is worth another attempt. */
    public static boolean isRetryable(int status, TransportHeaders headers) {
        Optional<String> should = headers.firstValue("x-should-retry");
        if (should.isPresent()) {
            String v = should.get().trim();
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * The delay before retry number {@code retry} (1-based): the server's {@code retry-after-ms}, then
     * {@code retry-after} (seconds or an HTTP date) capped at {@link #MAX_SERVER_DELAY}, else exponential
     * backoff from 0.5 s to 8 s with up to 25% jitter subtracted.
     */
    public Duration delay(int retry, TransportHeaders headers) {
        Optional<Duration> server = retryAfter(headers, MAX_SERVER_DELAY);
        if (server.isPresent()) {
            return server.get();
        }
        long base = Math.min(MAX_BACKOFF.toMillis(), INITIAL_BACKOFF.toMillis() << Math.min(retry - 1, 10));
        double jitter = 1 - 0.25 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (base * jitter));
    }

    /** The delay the server asked for, capped at {@code cap}, when it asked in a form we understand. */
    static Optional<Duration> retryAfter(TransportHeaders headers, Duration cap) {
        Optional<String> ms = headers.firstValue("retry-after-ms");
        if (ms.isPresent()) {
            try {
                double millis = Double.parseDouble(ms.get().trim());
                if (millis >= 0 && !Double.isNaN(millis)) {
                    return Optional.of(min(Duration.ofMillis((long) Math.ceil(millis)), cap));
                }
            } catch (NumberFormatException ignored) {
                // Fall through to retry-after.
            }
        }
        Optional<String> after = headers.firstValue("retry-after");
        if (after.isPresent()) {
            String v = after.get().trim();
            try {
                double seconds = Double.parseDouble(v);
                if (seconds >= 0 && !Double.isNaN(seconds)) {
                    return Optional.of(min(Duration.ofMillis((long) Math.ceil(seconds * 1000)), cap));
                }
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                    return Optional.of(min(d.isNegative() ? Duration.ZERO : d, cap));
                } catch (DateTimeParseException ignored) {
                    // Unparseable: use backoff.
                }
            }
        }
        return Optional.empty();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
