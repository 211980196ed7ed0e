package dev.brook.cli;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import dev.brook.bedrock.BedrockBackend;
import dev.brook.core.backend.Backend;
import dev.brook.foundry.FoundryBackend;
import dev.brook.testkit.BedrockSignatureCheck;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.FoundryRequestCheck;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.VertexRequestCheck;
import dev.brook.vertex.VertexBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The clouds {@code brook --backend NAME} reaches Claude through: each configured from the variables the
 * official SDKs read, or, when those are not set, replayed from an embedded fake of that cloud (which
 * checks the requests as the cloud would: Bedrock's signatures, Vertex AI's token and path, Foundry's key).
 */
enum CloudBackend {
    BEDROCK("bedrock", "AWS_REGION (or AWS_DEFAULT_REGION, or a Bedrock base URL variable)") {
        @Override
        boolean configured(Map<String, String> env) {
            return anySet(env, "AWS_REGION", "AWS_DEFAULT_REGION", "ANTHROPIC_BEDROCK_BASE_URL",
                    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL");
        }

        @Override
        Backend live(Map<String, String> env) {
            return BedrockBackend.builder().fromEnv(env).build();
        }

        @Override
        Backend replay(FakeMessagesServer server) {
            // Replay credentials, signed and verified like real ones, so the demo runs Bedrock's whole path.
            server.checkRequests(BedrockSignatureCheck.sigV4(REPLAY_KEY_ID, REPLAY_SECRET, REPLAY_REGION));
            return BedrockBackend.builder()
                    .region(REPLAY_REGION)
                    .baseUrl(server.baseUri().toString())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(REPLAY_KEY_ID, REPLAY_SECRET)))
                    .build();
        }

        @Override
        ScriptedResponse reply(List<String> events) {
            return ReplayScript.eventStream(events);
        }

        @Override
        boolean needsModelId() {
            return true;
        }
    },
    VERTEX("vertex", "ANTHROPIC_VERTEX_PROJECT_ID") {
        @Override
        boolean configured(Map<String, String> env) {
            return anySet(env, "ANTHROPIC_VERTEX_PROJECT_ID");
        }

        @Override
        Backend live(Map<String, String> env) {
            return VertexBackend.builder().fromEnv(env).build();
        }

        @Override
        Backend replay(FakeMessagesServer server) {
            server.checkRequests(VertexRequestCheck.builder()
                    .projectId(REPLAY_PROJECT).region(REPLAY_VERTEX_REGION).acceptToken(REPLAY_TOKEN).build());
            Date inAnHour = Date.from(Instant.now().plus(Duration.ofHours(1)));
            return VertexBackend.builder()
                    .projectId(REPLAY_PROJECT)
                    .region(REPLAY_VERTEX_REGION)
                    .baseUrl(server.baseUri().toString())
                    .credentials(GoogleCredentials.create(new AccessToken(REPLAY_TOKEN, inAnHour)))
                    .build();
        }

        @Override
        ScriptedResponse reply(List<String> events) {
            return ReplayScript.sse(events);
        }
    },
    FOUNDRY("foundry", "ANTHROPIC_FOUNDRY_RESOURCE or ANTHROPIC_FOUNDRY_BASE_URL") {
        @Override
        boolean configured(Map<String, String> env) {
            return anySet(env, "ANTHROPIC_FOUNDRY_RESOURCE", "ANTHROPIC_FOUNDRY_BASE_URL");
        }

        @Override
        Backend live(Map<String, String> env) {
            return FoundryBackend.builder().fromEnv(env).build();
        }

        @Override
        Backend replay(FakeMessagesServer server) {
            server.checkRequests(FoundryRequestCheck.builder().acceptApiKey(REPLAY_TOKEN).build());
            return FoundryBackend.builder().baseUrl(server.baseUri() + "/anthropic").apiKey(REPLAY_TOKEN).build();
        }

        @Override
        ScriptedResponse reply(List<String> events) {
            return ReplayScript.sse(events);
        }
    };

    /** The variables whose values {@code brook} masks in anything it prints, beside the Anthropic ones. */
    static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
            "AWS_BEARER_TOKEN_BEDROCK", "ANTHROPIC_FOUNDRY_API_KEY");

    private static final String REPLAY_REGION = "us-east-1";
    private static final String REPLAY_KEY_ID = "AKIDREPLAYMODE";
    private static final String REPLAY_SECRET = "replay-mode-secret";
    private static final String REPLAY_PROJECT = "replay-project";
    private static final String REPLAY_VERTEX_REGION = "us-east5";
    private static final String REPLAY_TOKEN = "replay-mode-token";

    private final String cliName;
    private final String configuredBy;

    CloudBackend(String cliName, String configuredBy) {
        this.cliName = cliName;
        this.configuredBy = configuredBy;
    }

    /** {@return the backend {@code --backend name} names; null for {@code anthropic}, the direct API} */
    static CloudBackend named(String name) throws BrookCli.UsageException {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("anthropic")) {
            return null;
        }
        for (CloudBackend b : values()) {
            if (b.cliName.equals(n)) {
                return b;
            }
        }
        throw new BrookCli.UsageException("unknown backend '" + name + "': choose anthropic, bedrock, vertex or foundry");
    }

    /** {@return the name on the command line} */
    String cliName() {
        return cliName;
    }

    /** {@return the variables that make {@link #configured} true, for the replay notice} */
    String configuredBy() {
        return configuredBy;
    }

    /** {@return whether the environment says where this cloud is: if not, {@code brook} replays} */
    abstract boolean configured(Map<String, String> env);

    /** {@return the backend configured from the environment, as the official SDKs read it} */
    abstract Backend live(Map<String, String> env);

    /** {@return a backend pointed at {@code server}, which is set to check its requests as the cloud does} */
    abstract Backend replay(FakeMessagesServer server);

    /** {@return the replayed events in this cloud's framing} */
    abstract ScriptedResponse reply(List<String> events);

    /** {@return whether the cloud names models by its own ids, so that brook's default model would not do} */
    boolean needsModelId() {
        return false;
    }

    private static boolean anySet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return true;
            }
        }
        return false;
    }
}
