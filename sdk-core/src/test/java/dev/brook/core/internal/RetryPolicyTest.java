package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.transport.TransportHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static TransportHeaders headers(String... nameValues) {
        TransportHeaders.Builder b = TransportHeaders.builder();
        for (int i = 0; i < nameValues.length; i += 2) {
            b.add(nameValues[i], nameValues[i + 1]);
        }
        return b.build();
    }

    @Test
    void retryableStatusesAreTimeoutConflictRateLimitAndServerErrors() {
        for (int status : new int[] {408, 409, 429, 500, 502, 503, 529}) {
            assertThat(RetryPolicy.isRetryable(status, headers())).as("status %d", status).isTrue();
        }
        for (int status : new int[] {400, 401, 403, 404, 413, 422}) {
            assertThat(RetryPolicy.isRetryable(status, headers())).as("status %d", status).isFalse();
        }
    }

    @Test
    void shouldRetryHeaderOverridesBothWays() {
        assertThat(RetryPolicy.isRetryable(500, headers("x-should-retry", "false"))).isFalse();
        assertThat(RetryPolicy.isRetryable(400, headers("X-Should-Retry", "true"))).isTrue();
    }

    @Test
    void retryAfterMsWinsOverRetryAfter() {
        RetryPolicy policy = new RetryPolicy(2);
        assertThat(policy.delay(1, headers("retry-after-ms", "300", "retry-after", "5"))).isEqualTo(Duration.ofMillis(300));
        assertThat(policy.delay(1, headers("retry-after", "2"))).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterIsCappedAtSixtySeconds() {
        assertThat(new RetryPolicy(2).delay(1, headers("retry-after", "3600"))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void retryAfterAcceptsAnHttpDate() {
        String in5s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(5));
        Duration d = new RetryPolicy(2).delay(1, headers("retry-after", in5s));
        assertThat(d).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndACap() {
        RetryPolicy policy = new RetryPolicy(10);
        assertThat(policy.delay(1, headers())).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(policy.delay(2, headers())).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
        assertThat(policy.delay(9, headers())).isBetween(Duration.ofMillis(6000), Duration.ofMillis(8000));
    }
}
