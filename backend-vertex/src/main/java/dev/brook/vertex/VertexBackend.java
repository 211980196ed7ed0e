package dev.brook.vertex;

import com.google.auth.oauth2.GoogleCredentials;
import dev.brook.core.backend.ApiRequest;
import dev.brook.core.backend.Backend;
import dev.brook.core.backend.BaseUrls;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Claude on Google Vertex AI: Messages calls go to the publisher model's {@code :streamRawPredict}
 * (streams) or {@code :rawPredict} ({@code create}), token counting to {@code count-tokens:rawPredict},
 * with a Google OAuth 2.0 access token as {@code Authorization: Bearer}. Replies stream as Server-Sent
 * Events, exactly as from the direct API.
 *
 * <pre>{@code
 * Brook brook = Brook.builder()
 *         .backend(VertexBackend.builder().region("us-east5").projectId("my-project").build())
 *         .build();
 * }</pre>
 *
 * <p>Each attempt's body is the direct API's without {@code model} (which moves into the URL) and with
 * {@code "anthropic_version": "vertex-2023-10-16"}; the {@code anthropic-version} header is not sent, and
 * betas stay in the {@code anthropic-beta} header. Model names are Vertex AI's, such as
 * {@code claude-sonnet-4@20250514}.
 *
 * <p>The token comes from the {@link Builder#credentials credentials}, application default credentials
 * unless given, and is taken again for every attempt, retries included: the credentials refresh it before
 * it expires, so an expired token is never sent. Message Batches and Models are not served by Vertex AI's
 * Claude endpoints; those calls throw {@link UnsupportedOperationException}.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows a token.
 */
public final class VertexBackend implements Backend {
    /** The path of the direct API's token counting endpoint. */
    private static final String COUNT_TOKENS_PATH = "/v1/messages/count_tokens";
    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.:_-]*");

    private final String region;
    private final String projectId;
    private final URI baseUrl;
    private final GoogleAccessTokens tokens;
    private final String credentialsKind;

    private VertexBackend(Builder b) {
        this.region = b.region;
        this.projectId = b.projectId;
        this.baseUrl = b.baseUrl != null ? b.baseUrl : defaultBaseUrl(b.region);
        this.tokens = new GoogleAccessTokens(b.credentials);
        this.credentialsKind = b.credentials == null ? "application default" : b.credentials.getClass().getSimpleName();
    }

    /** {@return a builder without region, project or credentials; not thread-safe} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return {@code vertex}} */
    @Override
    public String name() {
        return "vertex";
    }

    /** {@return the Google Cloud region, such as {@code us-east5}, or {@code global}} */
    public String region() {
        return region;
    }

    /** {@return the Google Cloud project calls are billed to} */
    public String projectId() {
        return projectId;
    }

    /**
     * {@return where requests go: {@code https://{region}-aiplatform.googleapis.com},
     * {@code https://aiplatform.googleapis.com} for the {@code global} region, or the base URL given;
     * {@code /v1/projects/...} is appended}
     */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public URI endpoint() {
        return baseUrl;
    }

    /**
     * The Vertex AI request for one attempt, with a fresh access token.
     *
     * @throws UnsupportedOperationException for every endpoint but Messages and token counting
     * @throws dev.brook.core.error.CredentialsException if no credentials can be loaded or the token cannot
     *     be refreshed; the message names the fix
     */
    @Override
    public TransportRequest prepare(ApiRequest request) {
        boolean countTokens = "POST".equals(request.method()) && COUNT_TOKENS_PATH.equals(request.path());
        if (!request.isMessages() && !countTokens) {
            throw unsupported(request);
        }
        VertexBody body = VertexBody.of(request.body(), countTokens);
        String target = countTokens ? "count-tokens:rawPredict"
                : pathSegment(body.model()) + (request.streaming() ? ":streamRawPredict" : ":rawPredict");
        URI uri = URI.create(baseUrl + "/v1/projects/" + projectId + "/locations/" + region
                + "/publishers/anthropic/models/" + target);
        TransportHeaders.Builder headers = TransportHeaders.builder();
        request.headers().map().forEach((name, values) -> {
            // Vertex AI reads the version from the body; betas stay in their header.
            if (!name.equalsIgnoreCase("anthropic-version")) {
                values.forEach(v -> headers.add(name, v));
            }
        });
        for (Map.Entry<String, List<String>> auth : tokens.headers(uri).entrySet()) {
            List<String> values = auth.getValue();
            headers.set(auth.getKey(), values.get(0));
            for (int i = 1; i < values.size(); i++) {
                headers.add(auth.getKey(), values.get(i));
            }
        }
        return TransportRequest.of(request.method(), uri, headers.build(), body.json());
    }

    /** {@return the access token last sent and the credentials' current one, which Brook masks in error bodies} */
    @Override
    public List<String> secrets() {
        return tokens.secrets();
    }

    /** The region, project, base URL and kind of credentials; never a token. */
    @Override
    public String toString() {
        // Not the credentials' own toString: Google's includes the access token.
        return "VertexBackend{region=" + region + ", projectId=" + projectId + ", baseUrl=" + baseUrl
                + ", credentials=" + credentialsKind + '}';
    }

    private static URI defaultBaseUrl(String region) {
        return URI.create(region.equals("global") ? "https://aiplatform.googleapis.com"
                : "https://" + region + "-aiplatform.googleapis.com");
    }

    private static UnsupportedOperationException unsupported(ApiRequest request) {
        String endpoint = request.method() + " " + request.path();
        String what;
        if (request.path().startsWith("/v1/messages/batches")) {
            what = "The Message Batches API (" + endpoint + ") is not served by Claude on Vertex AI; use Vertex AI"
                    + " batch prediction, or a client on the direct API (AnthropicBackend).";
        } else if (request.path().startsWith("/v1/models")) {
            what = "The Models API (" + endpoint + ") is not served by Claude on Vertex AI; Vertex AI lists Claude"
                    + " models in its Model Garden.";
        } else {
            what = endpoint + " is not served by the vertex backend, which sends Messages (POST /v1/messages) and"
                    + " token counting (POST /v1/messages/count_tokens) only.";
        }
        return new UnsupportedOperationException(what);
    }

    /** The model as one URL path segment: Vertex AI's names ({@code claude-x@20250514}) pass unchanged. */
    private static String pathSegment(String model) {
        StringBuilder out = new StringBuilder(model.length());
        for (byte b : model.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '@') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Configures a {@link VertexBackend}. Not thread-safe. */
    public static final class Builder {
        private String region;
        private String projectId;
        private URI baseUrl;
        private GoogleCredentials credentials;

        private Builder() {
        }

        /**
         * The Google Cloud region of the endpoint, such as {@code us-east5} or {@code europe-west1}, or
         * {@code global} for the global endpoint ({@code https://aiplatform.googleapis.com}). Required; no
         * default.
         *
         * @param region the region's name, lower case
         * @return this builder
         * @throws IllegalArgumentException if not a region name (lower-case letters, digits and hyphens)
         */
        public Builder region(String region) {
            Objects.requireNonNull(region, "region");
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("region must be a Google Cloud region such as us-east5, or "
                        + "global: \"" + region + "\"");
            }
            this.region = region;
            return this;
        }

        /**
         * The Google Cloud project whose Vertex AI serves the calls and is billed for them. Required; no
         * default.
         *
         * @param projectId the project ID, such as {@code my-project}
         * @return this builder
         * @throws IllegalArgumentException if blank or not a project ID (letters, digits, {@code - . : _})
         */
        public Builder projectId(String projectId) {
            Objects.requireNonNull(projectId, "projectId");
            if (!PROJECT.matcher(projectId).matches()) {
                throw new IllegalArgumentException("projectId must be a Google Cloud project ID such as my-project: \""
                        + projectId + "\"");
            }
            this.projectId = projectId;
            return this;
        }

        /**
         * Where requests go instead of the region's endpoint: a Private Service Connect endpoint or a proxy.
         * {@code /v1/projects/...} is appended; a URL that ends in {@code /v1}, as the Anthropic SDKs take
         * {@code ANTHROPIC_VERTEX_BASE_URL}, is accepted too (the {@code /v1} is not doubled). Default
         * {@code https://{region}-aiplatform.googleapis.com}, or {@code https://aiplatform.googleapis.com}
         * for {@code global}.
         *
         * @param baseUrl an absolute http or https URL; a trailing {@code /} is dropped
         * @return this builder
         * @throws IllegalArgumentException if not an absolute http or https URL
         */
        public Builder baseUrl(String baseUrl) {
            URI parsed = BaseUrls.parse(baseUrl, "baseUrl");
            String text = parsed.toString();
            this.baseUrl = text.endsWith("/v1") ? URI.create(text.substring(0, text.length() - 3)) : parsed;
            return this;
        }

        /**
         * The Google credentials whose access tokens authenticate the calls, such as
         * {@code ServiceAccountCredentials.fromStream(...)} or {@code ImpersonatedCredentials}. Credentials
         * that need a scope get {@code https://www.googleapis.com/auth/cloud-platform}. Default: application
         * default credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, {@code gcloud auth
         * application-default login}, or the metadata server), with that scope, loaded at the first call
         * rather than here, so that building never fails for want of them; a call then fails with a
         * {@link dev.brook.core.error.CredentialsException} naming the fix.
         *
         * @param credentials the credentials, used from any thread
         * @return this builder
         */
        public Builder credentials(GoogleCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
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
         * Applies {@code CLOUD_ML_REGION} ({@link #region}), {@code ANTHROPIC_VERTEX_PROJECT_ID}
         * ({@link #projectId}) and {@code ANTHROPIC_VERTEX_BASE_URL} ({@link #baseUrl}) where they are set and
         * not blank; settings made before are replaced, later ones win.
         *
         * @param env the variables, such as {@link System#getenv()}
         * @return this builder
         * @throws IllegalArgumentException if a variable holds a value its setter refuses; the message names it
         */
        public Builder fromEnv(Map<String, String> env) {
            Objects.requireNonNull(env, "env");
            apply(env, "CLOUD_ML_REGION", this::region);
            apply(env, "ANTHROPIC_VERTEX_PROJECT_ID", this::projectId);
            apply(env, "ANTHROPIC_VERTEX_BASE_URL", this::baseUrl);
            return this;
        }

        /**
         * Builds the backend. Application default credentials, when no {@link #credentials} were given, are
         * loaded at the first call, not here.
         *
         * @return the backend
         * @throws IllegalStateException if the region or the project is missing; the message names the
         *     variable and the setter
         */
        public VertexBackend build() {
            if (region == null) {
                throw new IllegalStateException("No Vertex AI region: set CLOUD_ML_REGION (read by fromEnv()) or "
                        + "call VertexBackend.builder().region(...), such as us-east5, or global for the global endpoint.");
            }
            if (projectId == null) {
                throw new IllegalStateException("No Google Cloud project: set ANTHROPIC_VERTEX_PROJECT_ID (read by "
                        + "fromEnv()) or call VertexBackend.builder().projectId(...).");
            }
            return new VertexBackend(this);
        }

        private static void apply(Map<String, String> env, String name, java.util.function.Consumer<String> setter) {
            String value = env.get(name);
            if (value == null || value.isBlank()) {
                return;
            }
            try {
                setter.accept(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
        }
    }
}
