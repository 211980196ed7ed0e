package dev.brook.testkit;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks requests as a Microsoft Foundry resource's Anthropic endpoint does, so that a {@link
 * FakeMessagesServer} with {@code checkRequests(check)} stands in for it. A request that passes takes its
 * scripted response; one that does not gets the error Foundry gives:
 * <ul>
 *   <li>401, Azure's {@code {"error":{"code":"401","message":"Access denied due to invalid subscription key
 *       or wrong API endpoint. ..."}}}: neither a {@linkplain Builder#acceptApiKey known} {@code api-key}
 *       header nor a {@linkplain Builder#acceptBearerToken known} {@code Authorization: Bearer} token;
 *   <li>404 {@code {"error":{"code":"404","message":"Resource not found"}}}: not {@code POST
 *       /anthropic/v1/messages} or {@code POST /anthropic/v1/messages/count_tokens} (the prefix is
 *       {@link Builder#pathPrefix}, {@code /anthropic} by default, as under
 *       {@code https://{resource}.services.ai.azure.com/anthropic});
 *   <li>400, the Anthropic API's {@code invalid_request_error}: no {@code anthropic-version} header.
 * </ul>
 * Checks run in that order. Refusals never echo a key or token.
 *
 * <pre>{@code
 * server.checkRequests(FoundryRequestCheck.builder().acceptApiKey("test-foundry-key").build());
 * // FoundryBackend.builder().baseUrl(server.baseUri() + "/anthropic").apiKey("test-foundry-key")
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FoundryRequestCheck implements RequestCheck {
    private static final String ACCESS_DENIED = "Access denied due to invalid subscription key or wrong API endpoint."
            + " Make sure to provide a valid key for an active subscription and use a correct regional API endpoint"
            + " for your resource.";
    private static final String BEARER = "Bearer ";

    private final Set<String> apiKeys;
    private final Set<String> tokens;
    private final String pathPrefix;

    private FoundryRequestCheck(Builder b) {
        this.apiKeys = Set.copyOf(b.apiKeys);
        this.tokens = Set.copyOf(b.tokens);
        this.pathPrefix = b.pathPrefix;
    }

    /** @return a builder with no keys or tokens and the path prefix {@code /anthropic}; not thread-safe */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<ScriptedResponse> refusal(RecordedRequest request) {
        if (!authenticated(request)) {
            return Optional.of(ScriptedResponse.json(401,
                    "{\"error\":{\"code\":\"401\",\"message\":\"" + ACCESS_DENIED + "\"}}"));
        }
        String path = request.path();
        boolean known = path.equals(pathPrefix + "/v1/messages") || path.equals(pathPrefix + "/v1/messages/count_tokens");
        if (!request.method().equals("POST") || !known) {
            return Optional.of(ScriptedResponse.json(404, "{\"error\":{\"code\":\"404\",\"message\":\"Resource not found\"}}"));
        }
        if (request.header("anthropic-version").isEmpty()) {
            return Optional.of(ScriptedResponse.json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                    + "\"message\":\"anthropic-version: header is required\"}}"));
        }
        return Optional.empty();
    }

    /** The path prefix and how many keys and tokens are accepted; never a key or token. */
    @Override
    public String toString() {
        return "FoundryRequestCheck{pathPrefix=" + pathPrefix + ", apiKeys=" + apiKeys.size() + ", tokens="
                + tokens.size() + '}';
    }

    private boolean authenticated(RecordedRequest request) {
        Optional<String> key = request.header("api-key");
        if (key.isPresent() && apiKeys.contains(key.get())) {
            return true;
        }
        String auth = request.header("authorization").orElse("");
        return auth.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && tokens.contains(auth.substring(BEARER.length()).trim());
    }

    /** Configures a {@link FoundryRequestCheck}. Not thread-safe. */
    public static final class Builder {
        private final Set<String> apiKeys = new LinkedHashSet<>();
        private final Set<String> tokens = new LinkedHashSet<>();
        private String pathPrefix = "/anthropic";

        private Builder() {
        }

        /**
         * Accepts the {@code api-key} header {@code key}.
         *
         * @param key a resource key
         * @return this builder
         */
        public Builder acceptApiKey(String key) {
            apiKeys.add(Objects.requireNonNull(key, "key"));
            return this;
        }

        /**
         * Accepts {@code Authorization: Bearer token}, as an Entra ID token.
         *
         * @param token an access token
         * @return this builder
         */
        public Builder acceptBearerToken(String token) {
            tokens.add(Objects.requireNonNull(token, "token"));
            return this;
        }

        /**
         * The path before {@code /v1/messages}. Default {@code /anthropic}, as on a Foundry resource.
         *
         * @param prefix empty, or a path starting with {@code /} and not ending with one
         * @return this builder
         * @throws IllegalArgumentException if {@code prefix} is neither
         */
        public Builder pathPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
                throw new IllegalArgumentException("pathPrefix must be empty or start with '/' and not end with one: \""
                        + prefix + "\"");
            }
            this.pathPrefix = prefix;
            return this;
        }

        /**
         * @return the check
         * @throws IllegalStateException if no key and no token is accepted
         */
        public FoundryRequestCheck build() {
            if (apiKeys.isEmpty() && tokens.isEmpty()) {
                throw new IllegalStateException("A FoundryRequestCheck needs at least one acceptApiKey(...) or "
                        + "acceptBearerToken(...)");
            }
            return new FoundryRequestCheck(this);
        }
    }
}
