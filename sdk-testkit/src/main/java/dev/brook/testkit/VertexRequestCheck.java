package dev.brook.testkit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks requests as Google Vertex AI's Claude endpoints do, so that a {@link FakeMessagesServer} with
 * {@code checkRequests(check)} stands in for them: the bearer token, the publisher-model path of the
 * project and region, and the body's shape. A request that passes takes its scripted response; one that
 * does not gets Google's JSON error ({@code {"error":{"code":...,"message":...,"status":...}}}):
 * <ul>
 *   <li>401 {@code UNAUTHENTICATED}: no {@code Authorization: Bearer} token, an unknown one, or one made
 *       {@linkplain Builder#expiredToken expired};
 *   <li>404 {@code NOT_FOUND}: not {@code POST /v1/projects/{project}/locations/{region}/publishers/anthropic/models/{model}:streamRawPredict}
 *       or {@code :rawPredict} (or {@code models/count-tokens:rawPredict}) with this check's project and region;
 *   <li>400 {@code INVALID_ARGUMENT}: a body that is not a JSON object, has a top-level {@code model} (on
 *       Messages; token counting needs one), lacks {@code "anthropic_version": "vertex-2023-10-16"}, or
 *       whose {@code stream} does not match the method ({@code true} for {@code :streamRawPredict} only).
 * </ul>
 * Checks run in that order. Refusals never echo a token.
 *
 * <pre>{@code
 * server.checkRequests(VertexRequestCheck.builder()
 *         .projectId("test-project").region("us-east5").acceptToken("ya29.test").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class VertexRequestCheck implements RequestCheck {
    /** The {@code anthropic_version} Vertex AI requires in every body. */
    public static final String ANTHROPIC_VERSION = "vertex-2023-10-16";

    private static final String UNAUTHENTICATED = "Request had invalid authentication credentials. Expected OAuth 2"
            + " access token, login cookie or other valid authentication credential. See"
            + " https://developers.google.com/identity/sign-in/web/devconsole-project.";
    private static final String BEARER = "Bearer ";

    private final String projectId;
    private final String region;
    private final Set<String> accepted;
    private final Set<String> expired;
    private final Pattern path;

    private VertexRequestCheck(Builder b) {
        this.projectId = b.projectId;
        this.region = b.region;
        this.accepted = Set.copyOf(b.accepted);
        this.expired = Set.copyOf(b.expired);
        this.path = Pattern.compile("/v1/projects/" + Pattern.quote(projectId) + "/locations/" + Pattern.quote(region)
                + "/publishers/anthropic/models/([^/:?#]+):(streamRawPredict|rawPredict)");
    }

    /** @return a builder with no project, region or tokens; not thread-safe */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<ScriptedResponse> refusal(RecordedRequest request) {
        String token = bearerToken(request);
        if (token == null || !accepted.contains(token) || expired.contains(token)) {
            return Optional.of(ScriptedResponse.builder()
                    .status(401)
                    .header("content-type", "application/json; charset=UTF-8")
                    .header("www-authenticate", "Bearer realm=\"https://accounts.google.com/\"")
                    .body(error(401, UNAUTHENTICATED, "UNAUTHENTICATED"))
                    .fixedLength()
                    .build());
        }
        Matcher m = path.matcher(request.path());
        boolean countTokens = m.matches() && m.group(1).equals("count-tokens");
        if (!request.method().equals("POST") || !m.matches() || (countTokens && m.group(2).equals("streamRawPredict"))) {
            return Optional.of(refuse(404, "The requested URL " + request.method() + " " + request.path()
                    + " was not found: expected POST /v1/projects/" + projectId + "/locations/" + region
                    + "/publishers/anthropic/models/{model}:streamRawPredict or :rawPredict.", "NOT_FOUND"));
        }
        Map<String, String> members;
        try {
            members = TopLevelMembers.of(request.bodyAsString());
        } catch (IllegalArgumentException e) {
            return Optional.of(refuse(400, "Invalid JSON payload received. " + e.getMessage(), "INVALID_ARGUMENT"));
        }
        if (!countTokens && members.containsKey("model")) {
            return Optional.of(refuse(400, "Invalid JSON payload received. Unknown name \"model\": Cannot find field."
                    + " The model is named in the URL.", "INVALID_ARGUMENT"));
        }
        if (countTokens && !members.containsKey("model")) {
            return Optional.of(refuse(400, "model: Field required", "INVALID_ARGUMENT"));
        }
        if (!("\"" + ANTHROPIC_VERSION + "\"").equals(members.get("anthropic_version"))) {
            return Optional.of(refuse(400, "anthropic_version: Input should be '" + ANTHROPIC_VERSION + "'",
                    "INVALID_ARGUMENT"));
        }
        boolean streamed = "true".equals(members.get("stream"));
        if (!countTokens && streamed != m.group(2).equals("streamRawPredict")) {
            return Optional.of(refuse(400, (streamed ? "A body with \"stream\": true goes to :streamRawPredict"
                    : ":streamRawPredict needs \"stream\": true in the body") + ", not " + m.group(2) + ".",
                    "INVALID_ARGUMENT"));
        }
        return Optional.empty();
    }

    /** The project, region and how many tokens are accepted; never the tokens. */
    @Override
    public String toString() {
        return "VertexRequestCheck{projectId=" + projectId + ", region=" + region + ", accepted=" + accepted.size()
                + " tokens, expired=" + expired.size() + " tokens}";
    }

    private static String bearerToken(RecordedRequest request) {
        String value = request.header("authorization").orElse(null);
        if (value == null || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return value.substring(BEARER.length()).trim();
    }

    private static ScriptedResponse refuse(int code, String message, String status) {
        return ScriptedResponse.builder()
                .status(code)
                .header("content-type", "application/json; charset=UTF-8")
                .body(error(code, message, status))
                .fixedLength()
                .build();
    }

    private static String error(int code, String message, String status) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + escape(message) + "\",\"status\":\"" + status
                + "\"}}";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The top-level members of a JSON object, each value as its raw JSON text. The testkit does not read
     * brook-core's JSON (so that it tests the core rather than trusting it), and nested members must not
     * count: a tool's schema may well have a property named {@code model}.
     */
    private static final class TopLevelMembers {
        private final String json;
        private int i;

        private TopLevelMembers(String json) {
            this.json = json;
        }

        /** @throws IllegalArgumentException if {@code json} is not one JSON object, saying where */
        static Map<String, String> of(String json) {
            TopLevelMembers p = new TopLevelMembers(json);
            Map<String, String> members = new LinkedHashMap<>();
            p.skipWhitespace();
            p.expect('{');
            p.skipWhitespace();
            if (p.peek() == '}') {
                p.i++;
            } else {
                while (true) {
                    p.skipWhitespace();
                    String name = p.string();
                    p.skipWhitespace();
                    p.expect(':');
                    p.skipWhitespace();
                    int start = p.i;
                    p.value();
                    members.put(name, json.substring(start, p.i));
                    p.skipWhitespace();
                    if (p.peek() == ',') {
                        p.i++;
                    } else {
                        p.expect('}');
                        break;
                    }
                }
            }
            p.skipWhitespace();
            if (p.i != json.length()) {
                throw p.error("text after the object");
            }
            return members;
        }

        private void value() {
            char c = peek();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    char d = peek();
                    if (d == '"') {
                        string();
                        continue;
                    }
                    if (d == '{' || d == '[') {
                        depth++;
                    } else if (d == '}' || d == ']') {
                        depth--;
                    }
                    i++;
                } while (depth > 0);
            } else {
                int start = i;
                while (i < json.length() && ",}] \t\r\n".indexOf(json.charAt(i)) < 0) {
                    i++;
                }
                if (i == start) {
                    throw error("a value");
                }
            }
        }

        /** Reads a string and returns it decoded. */
        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                i++;
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = peek();
                i++;
                switch (e) {
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (i + 4 > json.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            out.append((char) Integer.parseInt(json.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("four hex digits");
                        }
                        i += 4;
                    }
                    default -> out.append(e);
                }
            }
        }

        private void skipWhitespace() {
            while (i < json.length() && " \t\r\n".indexOf(json.charAt(i)) >= 0) {
                i++;
            }
        }

        private char peek() {
            if (i >= json.length()) {
                throw error("more JSON");
            }
            return json.charAt(i);
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            i++;
        }

        private IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("Expected " + expected + " at offset " + i + " of the body.");
        }
    }

    /** Configures a {@link VertexRequestCheck}. Not thread-safe. */
    public static final class Builder {
        private String projectId;
        private String region;
        private final Set<String> accepted = new LinkedHashSet<>();
        private final Set<String> expired = new LinkedHashSet<>();

        private Builder() {
        }

        /**
         * The project in the accepted paths. Required.
         *
         * @param projectId the project ID, such as {@code test-project}
         * @return this builder
         */
        public Builder projectId(String projectId) {
            this.projectId = Objects.requireNonNull(projectId, "projectId");
            return this;
        }

        /**
         * The region in the accepted paths, such as {@code us-east5} or {@code global}. Required.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * Accepts {@code Authorization: Bearer token}. At least one token is required.
         *
         * @param token an access token
         * @return this builder
         */
        public Builder acceptToken(String token) {
            accepted.add(Objects.requireNonNull(token, "token"));
            return this;
        }

        /**
         * Accepts each of {@code tokens}.
         *
         * @param tokens access tokens
         * @return this builder
         */
        public Builder acceptTokens(List<String> tokens) {
            tokens.forEach(this::acceptToken);
            return this;
        }

        /**
         * Refuses {@code token} as expired, even if it is also {@linkplain #acceptToken accepted}: what
         * Google answers to a token past its expiry.
         *
         * @param token an access token
         * @return this builder
         */
        public Builder expiredToken(String token) {
            expired.add(Objects.requireNonNull(token, "token"));
            return this;
        }

        /**
         * @return the check
         * @throws IllegalStateException if the project, the region or every accepted token is missing
         */
        public VertexRequestCheck build() {
            if (projectId == null || region == null || accepted.isEmpty()) {
                throw new IllegalStateException("A VertexRequestCheck needs projectId(...), region(...) and at least"
                        + " one acceptToken(...)");
            }
            return new VertexRequestCheck(this);
        }
    }
}
