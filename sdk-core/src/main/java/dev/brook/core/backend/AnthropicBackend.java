package dev.brook.core.backend;

import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The direct Anthropic API: requests go to {@code baseUrl + path} with the API key as {@code x-api-key}
 * (or a bearer token as {@code Authorization}), replies stream as Server-Sent Events. The default
 * backend; {@code Brook.builder().apiKey(...)} and {@code baseUrl(...)} configure it, and
 * {@code Brook.fromEnv()} reads its variables. Immutable.
 */
public final class AnthropicBackend implements Backend {
    /** Where requests go unless {@link Builder#baseUrl} or {@code ANTHROPIC_BASE_URL} says otherwise. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");

    private final String apiKey;
    private final String authToken;
    private final URI baseUrl;

    private AnthropicBackend(Builder b) {
        this.apiKey = b.apiKey;
        this.authToken = b.authToken;
        this.baseUrl = b.baseUrl;
    }

    /** {@return a builder with the default base URL and no credentials; not thread-safe} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return {@code anthropic}} */
    @Override
    public String name() {
        return "anthropic";
    }

    /** {@return where requests go; the path of each endpoint is appended} */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public URI endpoint() {
        return baseUrl;
    }

    @Override
    public TransportRequest prepare(ApiRequest request) {
        TransportHeaders.Builder headers = TransportHeaders.builder();
        request.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        if (apiKey != null) {
            headers.set("x-api-key", apiKey);
        } else {
            headers.set("authorization", "Bearer " + authToken);
        }
        return TransportRequest.of(request.method(), URI.create(baseUrl + request.path()), headers.build(),
                request.body());
    }

    @Override
    public List<String> secrets() {
        return List.of(apiKey != null ? apiKey : authToken);
    }

    /** The base URL and which credential is used; never the credential. */
    @Override
    public String toString() {
        return "AnthropicBackend{baseUrl=" + baseUrl + ", auth=" + (apiKey != null ? "api-key" : "auth-token") + '}';
    }

    /** Configures an {@link AnthropicBackend}. Not thread-safe. */
    public static final class Builder {
        private String apiKey;
        private String authToken;
        private URI baseUrl = DEFAULT_BASE_URL;

        private Builder() {
        }

        /**
         * Sent as {@code x-api-key}. Required unless {@link #authToken} is set; wins over it when both are.
         *
         * @param apiKey the API key
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = requireNonBlank(apiKey, "apiKey");
            return this;
        }

        /**
         * Sent as {@code Authorization: Bearer ...} instead of an API key.
         *
         * @param authToken the bearer token
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder authToken(String authToken) {
            this.authToken = requireNonBlank(authToken, "authToken");
            return this;
        }

        /**
         * Where requests go; each endpoint's path ({@code /v1/messages}, ...) is appended. Default
         * {@code https://api.anthropic.com}.
         *
         * @param baseUrl an absolute http or https URL; a trailing {@code /} is dropped
         * @return this builder
         * @throws IllegalArgumentException if not an absolute http or https URL
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = BaseUrls.parse(baseUrl, "baseUrl");
            return this;
        }

        /**
         * Builds the backend.
         *
         * @return the backend
         * @throws IllegalStateException if neither an API key nor an auth token was given
         */
        public AnthropicBackend build() {
            if (apiKey == null && authToken == null) {
                throw new IllegalStateException("No API key: set the ANTHROPIC_API_KEY environment variable "
                        + "(read by Brook.fromEnv()) or call Brook.builder().apiKey(...); "
                        + "for bearer auth use ANTHROPIC_AUTH_TOKEN or authToken(...); "
                        + "for Bedrock, Vertex AI or Foundry use Brook.builder().backend(...).");
            }
            return new AnthropicBackend(this);
        }

        private static String requireNonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
