package dev.brook.spring.boot;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code brook.*} properties the auto-configured {@link dev.brook.core.client.Brook} is built from.
 * A property left unset keeps Brook's own default (the one its builder documents), so the defaults live in
 * one place. Immutable; {@link #toString()} never shows a credential.
 *
 * <p>The descriptions below are also the configuration metadata IDEs show, so they are plain text.
 *
 * @param apiKey API key, sent as x-api-key. Unset: the ANTHROPIC_API_KEY variable. An API key or an auth
 *     token is required.
 * @param authToken Bearer token, sent as "Authorization: Bearer" instead of an API key. Unset: the
 *     ANTHROPIC_AUTH_TOKEN variable.
 * @param baseUrl Where requests go, for example a gateway or a test server. Unset: the ANTHROPIC_BASE_URL
 *     variable, else https://api.anthropic.com.
 * @param connectTimeout Longest time to establish a connection, per attempt. Unset: Brook's default, 10s.
 * @param idleTimeout Longest silence while waiting for the headers or between body bytes; 0 disables it.
 *     Unset: Brook's default, 60s.
 * @param totalTimeout Longest life of one call, across retries, to its last event. Unset: Brook's default,
 *     none.
 * @param maxRetries Retries of a request that failed before its first body byte, 0 to 10. Unset: Brook's
 *     default, 2.
 * @param maxEventSize Largest server-sent event accepted. Unset: Brook's default, 16MB.
 * @param transport Transport to use: jdk, okhttp, apache or vertx. Unset: the application's HTTP client
 *     bean when it has exactly one of a type Brook can use, else discovery.
 * @param betas Betas sent in the anthropic-beta header.
 * @param micrometer How Brook's calls are observed with Micrometer.
 */
@ConfigurationProperties("brook")
public record BrookProperties(
        String apiKey,
        String authToken,
        String baseUrl,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration totalTimeout,
        Integer maxRetries,
        DataSize maxEventSize,
        String transport,
        List<String> betas,
        @DefaultValue Micrometer micrometer) {

    /**
     * Copies {@code betas} so that the properties stay immutable.
     *
     * @param apiKey the API key
     * @param authToken the bearer token
     * @param baseUrl the base URL
     * @param connectTimeout the connect timeout
     * @param idleTimeout the idle timeout
     * @param totalTimeout the total timeout
     * @param maxRetries the retries
     * @param maxEventSize the largest event
     * @param transport the transport's name
     * @param betas the betas
     * @param micrometer the Micrometer settings
     */
    public BrookProperties {
        betas = betas == null ? List.of() : List.copyOf(betas);
        micrometer = micrometer == null ? new Micrometer(true) : micrometer;
    }

    /**
     * The {@code brook.micrometer.*} properties. Immutable.
     *
     * @param enabled Whether Brook's calls are recorded with the application's MeterRegistry and
     *     ObservationRegistry, when brook-micrometer is on the class path and the application has either.
     */
    public record Micrometer(@DefaultValue("true") boolean enabled) {
    }

    /** Shows every property but the credentials, which show only whether they are set. */
    @Override
    public String toString() {
        return "BrookProperties[apiKey=" + (apiKey == null ? "unset" : "(set)")
                + ", authToken=" + (authToken == null ? "unset" : "(set)")
                + ", baseUrl=" + baseUrl
                + ", connectTimeout=" + connectTimeout
                + ", idleTimeout=" + idleTimeout
                + ", totalTimeout=" + totalTimeout
                + ", maxRetries=" + maxRetries
                + ", maxEventSize=" + maxEventSize
                + ", transport=" + transport
                + ", betas=" + betas
                + ", micrometer=" + micrometer + "]";
    }
}
