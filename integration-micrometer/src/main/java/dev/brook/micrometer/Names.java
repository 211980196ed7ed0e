package dev.brook.micrometer;

/**
 * The meter, observation, tag and value names, after the OpenTelemetry GenAI semantic conventions
 * (client metrics and spans) where they define one.
 */
final class Names {
    static final String DURATION = "gen_ai.client.operation.duration";
    static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String RETRIES = "brook.client.retries";
    static final String ACTIVE_STREAMS = "brook.client.active_streams";
    /** Not {@link #DURATION}: a meter observation handler names its timer after the observation. */
    static final String OBSERVATION = "gen_ai.client.operation";

    static final String OPERATION_NAME = "gen_ai.operation.name";
    static final String PROVIDER_NAME = "gen_ai.provider.name";
    static final String REQUEST_MODEL = "gen_ai.request.model";
    static final String SERVER_ADDRESS = "server.address";
    static final String SERVER_PORT = "server.port";
    static final String TRANSPORT = "brook.transport";
    static final String OUTCOME = "outcome";
    static final String ERROR_TYPE = "error.type";
    static final String FINISH_REASONS = "gen_ai.response.finish_reasons";
    static final String TOKEN_TYPE = "gen_ai.token.type";

    static final String REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
    static final String REQUEST_STREAM = "gen_ai.request.stream";
    static final String REQUEST_ID = "brook.request.id";
    static final String RESPONSE_ID = "gen_ai.response.id";
    static final String RESPONSE_MODEL = "gen_ai.response.model";
    static final String USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
    static final String USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    static final String RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";

    static final String CHAT = "chat";
    static final String ANTHROPIC = "anthropic";
    static final String NONE = "none";
    static final String SUCCESS = "success";
    static final String ERROR = "error";
    static final String CANCELLED = "cancelled";
    static final String INPUT = "input";
    static final String OUTPUT = "output";

    private Names() {
    }
}
