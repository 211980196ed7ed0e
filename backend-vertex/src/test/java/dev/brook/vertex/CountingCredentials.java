package dev.brook.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real Google credentials whose token endpoint is this class: each refresh issues {@code ya29.fresh-N}
 * valid for a set lifetime, and counts. The library's own expiry logic decides when to refresh.
 */
final class CountingCredentials extends GoogleCredentials {
    private static final long serialVersionUID = 1L;

    private final Duration lifetime;
    private final String failure;
    private final AtomicInteger refreshes = new AtomicInteger();

    private CountingCredentials(AccessToken initial, Duration lifetime, String failure) {
        super(initial);
        this.lifetime = lifetime;
        this.failure = failure;
    }

    /** Starts with {@code initial} (null for none); each refresh issues a token valid for {@code lifetime}. */
    static CountingCredentials startingWith(AccessToken initial, Duration lifetime) {
        return new CountingCredentials(initial, lifetime, null);
    }

    /** Starts with no token and fails every refresh with an IOException saying {@code failure}. */
    static CountingCredentials failing(String failure) {
        return new CountingCredentials(null, Duration.ZERO, failure);
    }

    /** A token named {@code value} that expires {@code fromNow} from now (negative: already expired). */
    static AccessToken token(String value, Duration fromNow) {
        return new AccessToken(value, Date.from(Instant.now().plus(fromNow)));
    }

    /** The name of the token the {@code n}th refresh issues. */
    static String fresh(int n) {
        return "ya29.fresh-" + n;
    }

    @Override
    public AccessToken refreshAccessToken() throws IOException {
        int n = refreshes.incrementAndGet();
        if (failure != null) {
            throw new IOException(failure);
        }
        return token(fresh(n), lifetime);
    }

    int refreshes() {
        return refreshes.get();
    }
}
