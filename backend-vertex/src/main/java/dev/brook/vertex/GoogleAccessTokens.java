package dev.brook.vertex;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.brook.core.error.CredentialsException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where {@link VertexBackend} gets the headers that authenticate an attempt: the request metadata of
 * Google credentials ({@code Authorization: Bearer ...}, and {@code x-goog-user-project} when the
 * credentials name a quota project), refreshed by the credentials themselves when the token is expired or
 * about to be. Application default credentials are loaded at the first attempt, not before, so a backend
 * can be built (in tests, in a build step) on a machine without them. Thread-safe.
 */
final class GoogleAccessTokens {
    /** The OAuth 2.0 scope of Vertex AI (and every Google Cloud API). */
    static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

    private static final String FIX = "Run `gcloud auth application-default login`, set "
            + "GOOGLE_APPLICATION_CREDENTIALS to a service account key file, or pass your own credentials with "
            + "VertexBackend.builder().credentials(...).";
    private static final String BEARER = "Bearer ";

    private final Object loadLock = new Object();
    private volatile GoogleCredentials credentials;
    private final AtomicReference<String> lastSent = new AtomicReference<>();

    /** @param credentials the caller's credentials, or null for application default credentials */
    GoogleAccessTokens(GoogleCredentials credentials) {
        this.credentials = credentials == null ? null : scoped(credentials);
    }

    /**
     * The authentication headers of one attempt, from a token that is not expired: the credentials refresh
     * it first when it is expired or expires within their margin (3 minutes for Google's own types).
     *
     * @param uri the URL the attempt goes to (credentials that sign per audience use it)
     * @throws CredentialsException if no credentials can be loaded or the token cannot be refreshed; the
     *     message names the fix and never a token
     */
    Map<String, List<String>> headers(URI uri) {
        GoogleCredentials current = load();
        Map<String, List<String>> metadata;
        try {
            metadata = current.getRequestMetadata(uri);
        } catch (IOException | RuntimeException e) {
            throw new CredentialsException("Could not get a Google access token for Vertex AI: " + describe(e)
                    + ". " + FIX, e);
        }
        String token = bearerToken(metadata);
        if (token == null) {
            throw new CredentialsException("The Google credentials " + current.getClass().getSimpleName()
                    + " gave no Authorization bearer token for Vertex AI. " + FIX, null);
        }
        lastSent.set(token);
        return metadata;
    }

    /** {@return the tokens that may be on the wire: the last one sent and the credentials' current one} */
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(2);
        String sent = lastSent.get();
        if (sent != null) {
            secrets.add(sent);
        }
        GoogleCredentials current = credentials;
        AccessToken token = current == null ? null : current.getAccessToken();
        if (token != null && token.getTokenValue() != null && !token.getTokenValue().equals(sent)) {
            secrets.add(token.getTokenValue());
        }
        return List.copyOf(secrets);
    }

    private GoogleCredentials load() {
        GoogleCredentials loaded = credentials;
        if (loaded != null) {
            return loaded;
        }
        synchronized (loadLock) {
            if (credentials == null) {
                try {
                    credentials = scoped(GoogleCredentials.getApplicationDefault());
                } catch (IOException | RuntimeException e) {
                    // Not cached: the next call tries again, after the user has logged in, say.
                    throw new CredentialsException("No Google application default credentials for Vertex AI: "
                            + describe(e) + ". " + FIX, e);
                }
            }
            return credentials;
        }
    }

    /** Service account and similar credentials need a scope before they can mint a token; user ones do not. */
    private static GoogleCredentials scoped(GoogleCredentials credentials) {
        return credentials.createScopedRequired() ? credentials.createScoped(List.of(CLOUD_PLATFORM_SCOPE))
                : credentials;
    }

    private static String bearerToken(Map<String, List<String>> metadata) {
        for (Map.Entry<String, List<String>> header : metadata.entrySet()) {
            if (header.getKey().equalsIgnoreCase("authorization")) {
                for (String value : header.getValue()) {
                    if (value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                            && value.length() > BEARER.length()) {
                        return value.substring(BEARER.length());
                    }
                }
            }
        }
        return null;
    }

    /** The failure as the library described it, with the last token masked should a message ever echo it. */
    private String describe(Exception e) {
        String text = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        String sent = lastSent.get();
        return sent == null ? text : text.replace(sent, "***");
    }
}
