package dev.brook.testkit;

import dev.brook.core.json.JsonValue;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Checks each request as Amazon Bedrock's runtime API does, for {@link FakeMessagesServer#checkRequests}:
 * the path must be {@code /model/{modelId}/invoke-with-response-stream} or {@code /model/{modelId}/invoke}
 * (else a 404 {@code UnknownOperationException}), and the request must carry a valid SigV4 signature for
 * the known test credentials, service {@code bedrock} and the region (or, in API-key mode, the Bedrock API
 * key as {@code Authorization: Bearer}). The signature is recomputed with AWS's own
 * {@code AwsV4HttpSigner}, its clock fixed at the request's {@code x-amz-date}, over the method, the path
 * exactly as received, the headers the request says it signed and the body, and must equal the one sent.
 * Refusals are 403s shaped as Bedrock's ({@code {"message":...}} and {@code x-amzn-ErrorType}):
 * {@code MissingAuthenticationTokenException}, {@code InvalidSignatureException} (also for an
 * {@code x-amz-date} more than 5 minutes from now), {@code UnrecognizedClientException} (unknown access key
 * or session token) and {@code ExpiredTokenException} (see {@link #withExpiredSessionToken()}).
 *
 * <pre>{@code
 * server.checkRequests(BedrockSignatureCheck.sigV4("AKIDEXAMPLE", "test-secret", "us-east-1"));
 * }</pre>
 *
 * <p><b>Needs AWS's signer on the class path:</b> {@code software.amazon.awssdk:http-auth-aws} is an
 * optional dependency of the testkit (and {@code requires static} in its module descriptor), so that
 * testkit users who do not test Bedrock get no AWS jars. Add it to your test dependencies to use this
 * class; {@code brook-bedrock} brings it. Immutable and thread-safe.
 */
public final class BedrockSignatureCheck implements RequestCheck {
    /** How far a request's {@code x-amz-date} may be from the check's clock, as AWS allows. */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern PATH = Pattern.compile("/model/([^/?]+)/(invoke-with-response-stream|invoke)");
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/"
            + "([^/,\\s]+)/([^/,\\s]+)/aws4_request,\\s*SignedHeaders=([a-z0-9;\\-]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);
    private static final String SERVICE = "bedrock";

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String region;
    private final String apiKey;
    private final boolean sessionTokenExpired;
    private final Clock clock;

    private BedrockSignatureCheck(String accessKeyId, String secretAccessKey, String sessionToken, String region,
            String apiKey, boolean sessionTokenExpired, Clock clock) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.region = region;
        this.apiKey = apiKey;
        this.sessionTokenExpired = sessionTokenExpired;
        this.clock = clock;
    }

    /**
     * Accepts requests signed with these long-term credentials (no session token) for {@code region}.
     *
     * @param accessKeyId the access key id the requests must name
     * @param secretAccessKey the secret they must be signed with
     * @param region the region of the signatures' scope, such as {@code us-east-1}
     * @return the check
     */
    public static BedrockSignatureCheck sigV4(String accessKeyId, String secretAccessKey, String region) {
        return new BedrockSignatureCheck(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"), null, Objects.requireNonNull(region, "region"),
                null, false, Clock.systemUTC());
    }

    /**
     * Accepts requests signed with these temporary credentials for {@code region}; each must carry the
     * session token as {@code x-amz-security-token}.
     *
     * @param accessKeyId the access key id the requests must name
     * @param secretAccessKey the secret they must be signed with
     * @param sessionToken the session token they must carry
     * @param region the region of the signatures' scope, such as {@code us-east-1}
     * @return the check
     */
    public static BedrockSignatureCheck sigV4(String accessKeyId, String secretAccessKey, String sessionToken,
            String region) {
        return new BedrockSignatureCheck(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretAccessKey, "secretAccessKey"),
                Objects.requireNonNull(sessionToken, "sessionToken"), Objects.requireNonNull(region, "region"), null,
                false, Clock.systemUTC());
    }

    /**
     * Accepts requests carrying this Bedrock API key as {@code Authorization: Bearer ...}, instead of a
     * signature.
     *
     * @param apiKey the API key
     * @return the check
     */
    public static BedrockSignatureCheck apiKey(String apiKey) {
        return new BedrockSignatureCheck(null, null, null, null, Objects.requireNonNull(apiKey, "apiKey"), false,
                Clock.systemUTC());
    }

    /**
     * A copy that answers every request carrying the session token with a 403 {@code ExpiredTokenException},
     * as AWS does once temporary credentials expire.
     *
     * @return the copy
     * @throws IllegalStateException if this check has no session token
     */
    public BedrockSignatureCheck withExpiredSessionToken() {
        if (sessionToken == null) {
            throw new IllegalStateException("Only a check made with a session token can expire it");
        }
        return new BedrockSignatureCheck(accessKeyId, secretAccessKey, sessionToken, region, apiKey, true, clock);
    }

    /**
     * A copy that judges {@code x-amz-date} by {@code clock} instead of the system clock.
     *
     * @param clock the clock of the fake server
     * @return the copy
     */
    public BedrockSignatureCheck withClock(Clock clock) {
        return new BedrockSignatureCheck(accessKeyId, secretAccessKey, sessionToken, region, apiKey,
                sessionTokenExpired, Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public Optional<ScriptedResponse> refusal(RecordedRequest request) {
        if (!"POST".equals(request.method()) || !PATH.matcher(request.path()).matches()) {
            return Optional.of(refuse(404, "UnknownOperationException", "Unknown operation: " + request.method() + " "
                    + request.path() + " (Bedrock serves POST /model/{modelId}/invoke-with-response-stream and "
                    + "POST /model/{modelId}/invoke)"));
        }
        Optional<String> authorization = request.header("authorization");
        if (authorization.isEmpty()) {
            return Optional.of(refuse(403, "MissingAuthenticationTokenException", "Missing Authentication Token"));
        }
        return apiKey != null ? checkApiKey(authorization.get()) : checkSignature(request, authorization.get());
    }

    private Optional<ScriptedResponse> checkApiKey(String authorization) {
        if (!authorization.equals("Bearer " + apiKey)) {
            return Optional.of(refuse(403, "UnrecognizedClientException", "Invalid API Key format or value: the "
                    + "request must carry the Bedrock API key as 'Authorization: Bearer <key>'"));
        }
        return Optional.empty();
    }

    private Optional<ScriptedResponse> checkSignature(RecordedRequest request, String authorization) {
        Matcher auth = AUTHORIZATION.matcher(authorization);
        if (!auth.matches()) {
            return Optional.of(invalidSignature("Authorization header requires 'AWS4-HMAC-SHA256 Credential=..., "
                    + "SignedHeaders=..., Signature=...'"));
        }
        if (!auth.group(1).equals(accessKeyId)) {
            return Optional.of(refuse(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        if (!auth.group(3).equals(region)) {
            return Optional.of(invalidSignature("Credential should be scoped to a valid region, '" + region + "'."));
        }
        if (!auth.group(4).equals(SERVICE)) {
            return Optional.of(invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'."));
        }
        Optional<String> token = request.header("x-amz-security-token");
        if (!Objects.equals(token.orElse(null), sessionToken)) {
            return Optional.of(refuse(403, "UnrecognizedClientException",
                    "The security token included in the request is invalid."));
        }
        if (sessionTokenExpired) {
            return Optional.of(refuse(403, "ExpiredTokenException", "The security token included in the request is "
                    + "expired"));
        }
        Instant date;
        try {
            date = LocalDateTime.parse(request.header("x-amz-date").orElse(""), AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Optional.of(refuse(403, "IncompleteSignatureException",
                    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header."));
        }
        Instant now = clock.instant();
        if (Duration.between(date, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            return Optional.of(invalidSignature("Signature expired: " + request.header("x-amz-date").get()
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW).atOffset(ZoneOffset.UTC))
                    + " (" + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)) + " - 5 min.)"));
        }
        Optional<String> host = request.header("host");
        if (host.isEmpty()) {
            return Optional.of(invalidSignature("The request has no Host header to verify the signature against."));
        }
        String expected = expectedAuthorization(request, host.get(), auth.group(5).split(";"), date);
        if (expected == null || !expected.equals(authorization)) {
            return Optional.of(invalidSignature("The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details."));
        }
        return Optional.empty();
    }

    /**
     * The Authorization header AWS's signer gives the request as received; {@code null} when a header it
     * says it signed is missing.
     */
    private String expectedAuthorization(RecordedRequest request, String host, String[] signedHeaders, Instant date) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method()))
                .uri(URI.create("http://" + host + request.path()));
        for (String name : signedHeaders) {
            // The signer adds these itself: host from the URI, the date from its clock, the token from the
            // identity. Every other signed header is taken as received.
            if (name.equals("host") || name.equals("x-amz-date") || name.equals("x-amz-security-token")) {
                continue;
            }
            List<String> values = request.headerValues(name);
            if (values.isEmpty()) {
                return null;
            }
            http.putHeader(name, values);
        }
        AwsCredentialsIdentity identity = sessionToken == null
                ? AwsCredentialsIdentity.create(accessKeyId, secretAccessKey)
                : AwsSessionCredentialsIdentity.create(accessKeyId, secretAccessKey, sessionToken);
        return AwsV4HttpSigner.create().sign(r -> r
                        .identity(identity)
                        .request(http.build())
                        .payload(ContentStreamProvider.fromByteArrayUnsafe(request.body()))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(date, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse(null);
    }

    private static ScriptedResponse invalidSignature(String message) {
        return refuse(403, "InvalidSignatureException", message);
    }

    private static ScriptedResponse refuse(int status, String errorType, String message) {
        return ScriptedResponse.builder()
                .status(status)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", UUID.randomUUID().toString())
                .header("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.coral.service/")
                .body(new JsonValue.JsonObject(Map.of("message", JsonValue.of(message))).toJson())
                .fixedLength()
                .build();
    }

    /** The mode, the access key id and the region; never the secret, the session token or the API key. */
    @Override
    public String toString() {
        return apiKey != null ? "BedrockSignatureCheck{api-key}"
                : "BedrockSignatureCheck{sigv4, accessKeyId=" + accessKeyId + ", region=" + region
                        + (sessionToken != null ? ", session token" + (sessionTokenExpired ? " (expired)" : "") : "")
                        + '}';
    }
}
