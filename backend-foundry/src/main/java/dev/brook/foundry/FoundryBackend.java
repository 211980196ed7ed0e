package dev.brook.foundry;

import dev.brook.core.backend.ApiRequest;
import dev.brook.core.backend.Backend;
import dev.brook.core.backend.BaseUrls;
import dev.brook.core.error.CredentialsException;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Claude on Microsoft Foundry: the Messages API, unchanged (the same paths, body with {@code model},
 * {@code anthropic-version} header, Server-Sent Events), on a Foundry resource's Anthropic endpoint,
 * authenticated with the resource's key as {@code api-key} or with a Microsoft Entra ID token as
 * {@code Authorization: Bearer}.
 *
 * <pre>{@code
 * Brook brook = Brook.builder()
 *         .backend(FoundryBackend.builder().resource("my-resource").apiKey(key).build())
 *         .build();
 * }</pre>
 *
 * <p>The {@code model} of a request is the name of a Claude deployment on the resource. Streams,
 * {@code create} and {@code countTokens} are served; Message Batches and Models are not, and throw
 * {@link UnsupportedOperationException}.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows a key or a token.
 */
public final class FoundryBackend implements Backend {
    private static final String COUNT_TOKENS_PATH = "/v1/messages/count_tokens";
    private static final Pattern RESOURCE = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?");

    private final URI baseUrl;
    private final String apiKey;
    private final Supplier<String> tokenSupplier;
    /** The last token the supplier gave, to mask should an error body echo it. */
    private final AtomicReference<String> lastToken = new AtomicReference<>();

    private FoundryBackend(Builder b) {
        this.baseUrl = b.baseUrl;
        this.apiKey = b.apiKey;
        this.tokenSupplier = b.tokenSupplier;
    }

    /** {@return a builder without resource or credentials; not thread-safe} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return {@code foundry}} */
    @Override
    public String name() {
        return "foundry";
    }

    /**
     * {@return where requests go, such as {@code https://my-resource.services.ai.azure.com/anthropic}; each
     * endpoint's path ({@code /v1/messages}) is appended}
     */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public URI endpoint() {
        return baseUrl;
    }

    /**
     * The Foundry request for one attempt: the direct API's, on the resource, with the key or a token the
     * supplier gives now.
     *
     * @throws UnsupportedOperationException for every endpoint but Messages and token counting
     * @throws CredentialsException if the token supplier fails or gives no token
     */
    @Override
    public TransportRequest prepare(ApiRequest request) {
        boolean countTokens = "POST".equals(request.method()) && COUNT_TOKENS_PATH.equals(request.path());
        if (!request.isMessages() && !countTokens) {
            throw unsupported(request);
        }
        TransportHeaders.Builder headers = TransportHeaders.builder();
        request.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        if (apiKey != null) {
            headers.set("api-key", apiKey);
        } else {
            headers.set("authorization", "Bearer " + token());
        }
        return TransportRequest.of(request.method(), URI.create(baseUrl + request.path()), headers.build(),
                request.body());
    }

    /** {@return the API key, or the token the supplier gave last, which Brook masks in error bodies} */
    @Override
    public List<String> secrets() {
        if (apiKey != null) {
            return List.of(apiKey);
        }
        String token = lastToken.get();
        return token == null ? List.of() : List.of(token);
    }

    /** The base URL and which credential is used; never the credential. */
    @Override
    public String toString() {
        return "FoundryBackend{baseUrl=" + baseUrl + ", auth=" + (apiKey != null ? "api-key" : "bearer token") + '}';
    }

    private String token() {
        String token;
        try {
            token = tokenSupplier.get();
        } catch (RuntimeException e) {
            throw new CredentialsException("The Foundry token supplier failed: " + e
                    + ". Check the Entra ID credential behind FoundryBackend.builder().tokenSupplier(...) (for "
                    + "azure-identity: a token for the scope https://ai.azure.com/.default), or use an API key.", e);
        }
        if (token == null || token.isBlank()) {
            throw new CredentialsException("The Foundry token supplier returned " + (token == null ? "null" : "a blank token")
                    + "; it must return an Entra ID access token for every call (for azure-identity: a token for the"
                    + " scope https://ai.azure.com/.default).", null);
        }
        lastToken.set(token);
        return token;
    }

    private static UnsupportedOperationException unsupported(ApiRequest request) {
        String endpoint = request.method() + " " + request.path();
        if (request.path().startsWith("/v1/messages/batches")) {
            return new UnsupportedOperationException("The Message Batches API (" + endpoint + ") is not served by "
                    + "Claude on Microsoft Foundry; use a client on the direct API (AnthropicBackend) for batches.");
        }
        if (request.path().startsWith("/v1/models")) {
            return new UnsupportedOperationException("The Models API (" + endpoint + ") is not served by Claude on "
                    + "Microsoft Foundry; the models are the deployments listed on your Foundry resource.");
        }
        return new UnsupportedOperationException(endpoint + " is not served by the foundry backend, which sends "
                + "Messages (POST /v1/messages) and token counting (POST /v1/messages/count_tokens) only.");
    }

    /** Configures a {@link FoundryBackend}. Not thread-safe. */
    public static final class Builder {
        private URI baseUrl;
        private String apiKey;
        private Supplier<String> tokenSupplier;

        private Builder() {
        }

        /**
         * The Foundry resource: requests go to {@code https://{resource}.services.ai.azure.com/anthropic}.
         * This or {@link #baseUrl} is required; the later call wins.
         *
         * @param resource the resource's name, such as {@code my-resource}
         * @return this builder
         * @throws IllegalArgumentException if not a resource name (letters, digits and inner hyphens); for a
         *     full URL use {@link #baseUrl}
         */
        public Builder resource(String resource) {
            Objects.requireNonNull(resource, "resource");
            if (!RESOURCE.matcher(resource).matches()) {
                throw new IllegalArgumentException("resource must be a Foundry resource name such as my-resource "
                        + "(letters, digits and hyphens); for a full URL use baseUrl(...): \"" + resource + "\"");
            }
            this.baseUrl = URI.create("https://" + resource + ".services.ai.azure.com/anthropic");
            return this;
        }

        /**
         * Where requests go, such as {@code https://my-resource.services.ai.azure.com/anthropic} or a gateway
         * in front of it; each endpoint's path ({@code /v1/messages}) is appended. This or {@link #resource}
         * is required; the later call wins.
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
         * The resource's key, sent as {@code api-key}. This or {@link #tokenSupplier} is required; the later
         * call wins.
         *
         * @param apiKey the key, from the resource's "Keys and Endpoint" page
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            this.tokenSupplier = null;
            return this;
        }

        /**
         * Microsoft Entra ID authentication: {@code supplier} is called for every attempt, retries included,
         * on the thread that starts it, and its token sent as {@code Authorization: Bearer}. It should cache
         * and refresh the token itself (azure-identity's {@code getTokenSync} for the scope
         * {@code https://ai.azure.com/.default} does). This or {@link #apiKey} is required; the later call
         * wins. A supplier that throws or returns a blank token fails the call with a
         * {@link CredentialsException}.
         *
         * @param supplier gives the current access token; called from any thread
         * @return this builder
         */
        public Builder tokenSupplier(Supplier<String> supplier) {
            this.tokenSupplier = Objects.requireNonNull(supplier, "supplier");
            this.apiKey = null;
            return this;
        }

        /**
         * Applies the environment: {@link #fromEnv(Map)} with {@link System#getenv()}.
         *
         * @return this builder
         */
        public Builder fromEnv() {
            return fromEnv(System.getenv());
        }

        /**
         * Applies {@code ANTHROPIC_FOUNDRY_RESOURCE} ({@link #resource}), then {@code ANTHROPIC_FOUNDRY_BASE_URL}
         * ({@link #baseUrl}, which wins over the resource) and {@code ANTHROPIC_FOUNDRY_API_KEY}
         * ({@link #apiKey}), where they are set and not blank.
         *
         * @param env the variables, such as {@link System#getenv()}
         * @return this builder
         * @throws IllegalArgumentException if a variable holds a value its setter refuses; the message names it
         */
        public Builder fromEnv(Map<String, String> env) {
            Objects.requireNonNull(env, "env");
            apply(env, "ANTHROPIC_FOUNDRY_RESOURCE", this::resource);
            apply(env, "ANTHROPIC_FOUNDRY_BASE_URL", this::baseUrl);
            apply(env, "ANTHROPIC_FOUNDRY_API_KEY", this::apiKey);
            return this;
        }

        /**
         * Builds the backend.
         *
         * @return the backend
         * @throws IllegalStateException if neither a resource nor a base URL, or neither an API key nor a
         *     token supplier, was given; the message names the variables and setters
         */
        public FoundryBackend build() {
            if (baseUrl == null) {
                throw new IllegalStateException("No Foundry resource: set ANTHROPIC_FOUNDRY_RESOURCE or "
                        + "ANTHROPIC_FOUNDRY_BASE_URL (read by fromEnv()), or call FoundryBackend.builder().resource(...)"
                        + " or baseUrl(...).");
            }
            if (apiKey == null && tokenSupplier == null) {
                throw new IllegalStateException("No Foundry credentials: set ANTHROPIC_FOUNDRY_API_KEY (read by "
                        + "fromEnv()), or call FoundryBackend.builder().apiKey(...) or, for Entra ID, tokenSupplier(...).");
            }
            return new FoundryBackend(this);
        }

        private static void apply(Map<String, String> env, String name, java.util.function.Consumer<String> setter) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                setter.accept(value.trim());
            } catch (IllegalArgumentException e) {
                // Never the value itself in the message for the key: the setter's message does not quote it.
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
    }
}
