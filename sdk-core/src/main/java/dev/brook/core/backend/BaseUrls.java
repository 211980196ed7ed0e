package dev.brook.core.backend;

import java.net.URI;
import java.util.Objects;

/**
 * Parses the base URL a user gives a backend, so that every backend accepts and refuses the same ones.
 */
public final class BaseUrls {
    private BaseUrls() {
    }

    /**
     * An absolute http or https URL without a trailing {@code /}, to which paths are appended.
     *
     * @param baseUrl the URL as given
     * @param what the setting's name, for the error message
     * @return the URL, its trailing {@code /} dropped
     * @throws IllegalArgumentException if not an absolute http or https URL
     */
    public static URI parse(String baseUrl, String what) {
        Objects.requireNonNull(baseUrl, what);
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a URL: " + baseUrl, e);
        }
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException(what + " must be an absolute http or https URL: " + baseUrl);
        }
        return uri;
    }
}
