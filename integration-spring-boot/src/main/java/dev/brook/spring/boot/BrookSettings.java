package dev.brook.spring.boot;

import dev.brook.core.client.Brook;
import org.springframework.core.env.Environment;

/**
 * Applies the {@code brook.*} properties to a builder, with the {@code ANTHROPIC_*} variables the official
 * SDKs read as fallbacks (read through Spring's {@link Environment}, so a test or a profile can set them).
 */
final class BrookSettings {
    private BrookSettings() {
    }

    static void apply(BrookProperties properties, Environment environment, Brook.Builder builder) {
        String apiKey = firstSet(properties.apiKey(), environment.getProperty("ANTHROPIC_API_KEY"));
        String authToken = firstSet(properties.authToken(), environment.getProperty("ANTHROPIC_AUTH_TOKEN"));
        if (apiKey == null && authToken == null) {
            throw new IllegalStateException("Brook has no credentials: set brook.api-key (or brook.auth-token "
                    + "for a bearer token) or the ANTHROPIC_API_KEY environment variable, or define your own "
                    + "Brook bean.");
        }
        if (apiKey != null) {
            builder.apiKey(apiKey);
        }
        if (authToken != null) {
            builder.authToken(authToken);
        }
        String baseUrl = firstSet(properties.baseUrl(), environment.getProperty("ANTHROPIC_BASE_URL"));
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        if (properties.connectTimeout() != null) {
            builder.connectTimeout(properties.connectTimeout());
        }
        if (properties.idleTimeout() != null) {
            builder.idleTimeout(properties.idleTimeout());
        }
        if (properties.totalTimeout() != null) {
            builder.totalTimeout(properties.totalTimeout());
        }
        if (properties.maxRetries() != null) {
            builder.maxRetries(properties.maxRetries());
        }
        if (properties.maxEventSize() != null) {
            long bytes = properties.maxEventSize().toBytes();
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("brook.max-event-size must be at most 2GB: "
                        + properties.maxEventSize());
            }
            builder.maxEventSize((int) bytes);
        }
        String transport = firstSet(properties.transport(), null);
        if (transport != null) {
            builder.transport(transport);
        }
        properties.betas().forEach(builder::addBeta);
    }

    private static String firstSet(String value, String fallback) {
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        return fallback == null || fallback.isBlank() ? null : fallback.trim();
    }
}
