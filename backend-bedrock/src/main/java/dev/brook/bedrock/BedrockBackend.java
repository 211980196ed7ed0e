package dev.brook.bedrock;

import dev.brook.core.backend.ApiRequest;
import dev.brook.core.backend.Backend;
import dev.brook.core.backend.BaseUrls;
import dev.brook.core.backend.ResponseFraming;
import dev.brook.core.error.CredentialsException;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Claude on Amazon Bedrock: Messages calls go to Bedrock's runtime API, streams to
 * {@code POST /model/{modelId}/invoke-with-response-stream} and {@code create} to
 * {@code POST /model/{modelId}/invoke}, where {@code modelId} is the request's {@code model} (a Bedrock
 * model id such as {@code anthropic.claude-sonnet-4-5-20250929-v1:0}, an inference profile id such as
 * {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0}, or an ARN), path-encoded as AWS encodes it.
 *
 * <pre>{@code
 * Brook brook = Brook.builder().backend(BedrockBackend.fromEnv()).build();
 * }</pre>
 *
 * <p>The body is the Messages body without {@code model} and {@code stream}, with
 * {@code "anthropic_version": "bedrock-2023-05-31"} and the {@code anthropic-beta} header's betas as
 * {@code anthropic_beta}. Each attempt is signed afresh with SigV4 by AWS's {@code AwsV4HttpSigner}
 * (service {@code bedrock}, the configured region, credentials resolved from the provider per attempt),
 * or carries a Bedrock API key as {@code Authorization: Bearer}. Streamed replies are AWS event-stream
 * frames, CRC-checked; a Bedrock exception in the stream ({@code throttlingException},
 * {@code modelStreamErrorException}, ...) ends it as the direct API's {@code error} event does, with a
 * {@link dev.brook.core.error.StreamErrorException} carrying the snapshot. Token counting, batches and
 * models are not served by Bedrock: those calls throw {@link UnsupportedOperationException}.
 *
 * <p>Immutable and thread-safe. It remembers the last credentials it signed with, only so that Brook can
 * mask them if a server echoes them ({@link #secrets()}); {@link #toString()} never shows a secret.
 */
public final class BedrockBackend implements Backend {
    /** The header Bedrock names each response's request id with. */
    static final String REQUEST_ID_HEADER = "x-amzn-requestid";

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final String region;
    private final URI baseUrl;
    private final String apiKey;
    private final AwsCredentialsProvider credentials;
    private final SigV4Signer signer;
    /** The credentials of the last signature, whose secrets {@link #secrets()} reports; null before one. */
    private volatile AwsCredentials lastCredentials;

    private BedrockBackend(String region, URI baseUrl, String apiKey, AwsCredentialsProvider credentials) {
        this.region = region;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.credentials = credentials;
        this.signer = new SigV4Signer(region);
    }

    /** {@return a builder with no settings; not thread-safe} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A backend configured from the process environment: {@code builder().fromEnv().build()}.
     *
     * @return the backend
     * @throws IllegalStateException if no region can be found
     */
    public static BedrockBackend fromEnv() {
        return builder().fromEnv().build();
    }

    /** {@return {@code bedrock}} */
    @Override
    public String name() {
        return "bedrock";
    }

    /** {@return the AWS region requests are signed for, such as {@code us-east-1}} */
    public String region() {
        return region;
    }

    /** {@return where requests go, such as {@code https://bedrock-runtime.us-east-1.amazonaws.com}} */
    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public URI endpoint() {
        return baseUrl;
    }

    /** {@return AWS event-stream frames ({@code application/vnd.amazon.eventstream})} */
    @Override
    public ResponseFraming framing() {
        return EventStreamFraming.INSTANCE;
    }

    /** {@return the {@code x-amzn-requestid} header} */
    @Override
    public Optional<String> requestId(TransportHeaders headers) {
        return headers.firstValue(REQUEST_ID_HEADER);
    }

    /**
     * {@return the exception name Bedrock puts in {@code x-amzn-ErrorType} (such as {@code
     * ThrottlingException}), without the namespace after the {@code :}}
     */
    @Override
    public Optional<String> errorType(TransportHeaders headers) {
        return headers.firstValue("x-amzn-errortype")
                .map(value -> value.indexOf(':') < 0 ? value : value.substring(0, value.indexOf(':')))
                .map(String::strip)
                .filter(type -> !type.isEmpty());
    }

    /**
     * The Bedrock request for one attempt: the rewritten body to the model's operation, signed now.
     *
     * @throws UnsupportedOperationException for any endpoint but Messages (token counting, batches, models)
     * @throws CredentialsException when the credentials provider gives no credentials; the message says what
     *     to set
     * @throws IllegalArgumentException if the body names no model
     */
    @Override
    public TransportRequest prepare(ApiRequest request) {
        if (!request.isMessages()) {
            throw new UnsupportedOperationException(request.method() + " " + request.path()
                    + " is not served through the bedrock backend: Bedrock serves only the Messages endpoint "
                    + "(stream and create, POST " + ApiRequest.MESSAGES_PATH + "). Use a client on the direct "
                    + "Anthropic API for token counting, batches and models.");
        }
        List<String> betaHeaders = request.headers().allValues("anthropic-beta");
        BedrockRequestBody body = BedrockRequestBody.of(request.body(),
                betaHeaders.isEmpty() ? null : String.join(",", betaHeaders));
        URI uri = URI.create(baseUrl + "/model/" + body.encodedModelId()
                + (request.streaming() ? "/invoke-with-response-stream" : "/invoke"));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            // The version and betas are in the body now; Bedrock does not read these headers.
            if (!lower.equals("anthropic-version") && !lower.equals("anthropic-beta")) {
                headers.put(name, values);
            }
        });
        Map<String, List<String>> toSend;
        if (apiKey != null) {
            toSend = headers;
            toSend.put("authorization", List.of("Bearer " + apiKey));
        } else {
            toSend = signer.sign(request.method(), uri, headers, body.json(), resolveCredentials());
        }
        TransportHeaders.Builder out = TransportHeaders.builder();
        toSend.forEach((name, values) -> values.forEach(v -> out.add(name, v)));
        return TransportRequest.of(request.method(), uri, out.build(), body.json());
    }

    private AwsCredentials resolveCredentials() {
        AwsCredentials resolved;
        try {
            resolved = credentials.resolveCredentials();
        } catch (RuntimeException e) {
            throw noCredentials(e.getMessage(), e);
        }
        if (resolved == null) {
            throw noCredentials(credentials.getClass().getSimpleName() + " returned none", null);
        }
        lastCredentials = resolved;
        return resolved;
    }

    private static CredentialsException noCredentials(String why, Throwable cause) {
        return new CredentialsException("No AWS credentials to sign the Bedrock request (" + why + "). Set "
                + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary credentials) "
                + "or AWS_PROFILE, or pass BedrockBackend.builder().credentialsProvider(...), or use a Bedrock API "
                + "key (AWS_BEARER_TOKEN_BEDROCK or BedrockBackend.builder().apiKey(...)).", cause);
    }

    /** {@return the API key, or the secret key and session token of the last signature} */
    @Override
    public List<String> secrets() {
        if (apiKey != null) {
            return List.of(apiKey);
        }
        AwsCredentials last = lastCredentials;
        if (last == null) {
            return List.of();
        }
        if (last instanceof AwsSessionCredentialsIdentity session) {
            return List.of(last.secretAccessKey(), session.sessionToken());
        }
        return List.of(last.secretAccessKey());
    }

    /** The region, the base URL and how requests are authenticated; never a credential. */
    @Override
    public String toString() {
        return "BedrockBackend{region=" + region + ", baseUrl=" + baseUrl + ", auth="
                + (apiKey != null ? "api-key" : "sigv4 (" + credentials.getClass().getSimpleName() + ")") + '}';
    }

    /**
     * Configures a {@link BedrockBackend}. Settings given here win over those {@link #fromEnv(Map)} reads,
     * whichever is called first. Not thread-safe.
     */
    public static final class Builder {
        private String region;
        private URI baseUrl;
        private AwsCredentialsProvider credentialsProvider;
        private String apiKey;
        private String envRegion;
        private URI envBaseUrl;
        private String envApiKey;
        private AwsCredentialsProvider envCredentials;

        private Builder() {
        }

        /**
         * The AWS region to call and sign for. Default: {@code AWS_REGION} or {@code AWS_DEFAULT_REGION}
         * when {@link #fromEnv(Map)} read them, else AWS's region provider chain (the {@code aws.region}
         * system property, {@code AWS_REGION}, the profile's {@code region}, then instance metadata).
         *
         * @param region a region name, such as {@code us-east-1}
         * @return this builder
         * @throws IllegalArgumentException if not a region name (lower-case letters, digits and hyphens)
         */
        public Builder region(String region) {
            this.region = checkRegion(Objects.requireNonNull(region, "region"), "region");
            return this;
        }

        /**
         * Where requests go, instead of {@code https://bedrock-runtime.{region}.amazonaws.com}: a VPC
         * endpoint, a proxy or a test server. Signatures still use service {@code bedrock} and the region,
         * never the host. Wins over {@code ANTHROPIC_BEDROCK_BASE_URL}, {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME}
         * and {@code AWS_ENDPOINT_URL}.
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
         * Where SigV4 credentials come from, asked once per attempt (providers cache and refresh them).
         * Default: AWS's {@link DefaultCredentialsProvider} chain ({@code AWS_ACCESS_KEY_ID},
         * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, profiles, SSO, web identity, container
         * and instance roles), unless an API key is given.
         *
         * @param provider the credentials provider
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            this.credentialsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * A Bedrock API key, sent as {@code Authorization: Bearer ...} instead of a SigV4 signature. Wins
         * over {@code AWS_BEARER_TOKEN_BEDROCK}. Not together with {@link #credentialsProvider}.
         *
         * @param apiKey the API key
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Reads the process environment: {@code fromEnv(System.getenv())}.
         *
         * @return this builder
         */
        public Builder fromEnv() {
            return fromEnv(System.getenv());
        }

        /**
         * Reads these variables where set and not blank, for settings not given to this builder:
         * <ul>
         *   <li>the region: {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION};
         *   <li>the base URL: {@code ANTHROPIC_BEDROCK_BASE_URL}, else {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME},
         *       else {@code AWS_ENDPOINT_URL};
         *   <li>a Bedrock API key: {@code AWS_BEARER_TOKEN_BEDROCK}, which then replaces SigV4;
         *   <li>static credentials: {@code AWS_ACCESS_KEY_ID} with {@code AWS_SECRET_ACCESS_KEY} and
         *       {@code AWS_SESSION_TOKEN} if set (else the default provider chain reads the real
         *       environment and profiles).
         * </ul>
         *
         * @param env the variables, such as {@link System#getenv()}
         * @return this builder
         * @throws IllegalArgumentException if a region or URL variable holds no valid value (the message
         *     names the variable)
         */
        public Builder fromEnv(Map<String, String> env) {
            Objects.requireNonNull(env, "env");
            String regionVar = firstSet(env, "AWS_REGION", "AWS_DEFAULT_REGION");
            if (regionVar != null) {
                envRegion = checkRegion(env.get(regionVar).trim(), regionVar);
            }
            String urlVar = firstSet(env, "ANTHROPIC_BEDROCK_BASE_URL", "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
                    "AWS_ENDPOINT_URL");
            if (urlVar != null) {
                envBaseUrl = BaseUrls.parse(env.get(urlVar).trim(), urlVar);
            }
            if (firstSet(env, "AWS_BEARER_TOKEN_BEDROCK") != null) {
                envApiKey = env.get("AWS_BEARER_TOKEN_BEDROCK").trim();
            }
            if (firstSet(env, "AWS_ACCESS_KEY_ID") != null && firstSet(env, "AWS_SECRET_ACCESS_KEY") != null) {
                String id = env.get("AWS_ACCESS_KEY_ID").trim();
                String secret = env.get("AWS_SECRET_ACCESS_KEY").trim();
                envCredentials = StaticCredentialsProvider.create(firstSet(env, "AWS_SESSION_TOKEN") != null
                        ? AwsSessionCredentials.create(id, secret, env.get("AWS_SESSION_TOKEN").trim())
                        : AwsBasicCredentials.create(id, secret));
            }
            return this;
        }

        /**
         * Builds the backend. No credentials are resolved yet: each attempt asks the provider.
         *
         * @return the backend
         * @throws IllegalStateException if no region is given, read or found by AWS's chain, or if both an
         *     API key and a credentials provider were given
         */
        public BedrockBackend build() {
            if (apiKey != null && credentialsProvider != null) {
                throw new IllegalStateException("Both apiKey(...) and credentialsProvider(...) were given: a Bedrock "
                        + "request carries an API key or a SigV4 signature, not both. Keep one.");
            }
            String r = region != null ? region : envRegion != null ? envRegion : regionFromChain();
            if (r == null) {
                throw new IllegalStateException("No AWS region for Bedrock: set AWS_REGION (read by fromEnv() and by "
                        + "AWS's region chain) or call BedrockBackend.builder().region(...), such as us-east-1.");
            }
            URI url = baseUrl != null ? baseUrl : envBaseUrl != null ? envBaseUrl
                    : URI.create("https://bedrock-runtime." + r + ".amazonaws.com");
            if (apiKey != null || (credentialsProvider == null && envApiKey != null)) {
                return new BedrockBackend(r, url, apiKey != null ? apiKey : envApiKey, null);
            }
            AwsCredentialsProvider provider = credentialsProvider != null ? credentialsProvider
                    : envCredentials != null ? envCredentials : DefaultCredentialsProvider.builder().build();
            return new BedrockBackend(r, url, null, provider);
        }

        private static String regionFromChain() {
            try {
                return new DefaultAwsRegionProviderChain().getRegion().id();
            } catch (RuntimeException none) {
                return null; // the chain found nothing: build() says what to set
            }
        }

        private static String checkRegion(String region, String what) {
            if (!REGION.matcher(region).matches()) {
                throw new IllegalArgumentException(what + " must be an AWS region name such as us-east-1: '"
                        + region + "'");
            }
            return region;
        }

        private static String firstSet(Map<String, String> env, String... names) {
            for (String name : names) {
                String value = env.get(name);
                if (value != null && !value.isBlank()) {
                    return name;
                }
            }
            return null;
        }
    }
}
