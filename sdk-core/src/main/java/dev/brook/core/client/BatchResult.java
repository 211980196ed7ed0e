package dev.brook.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.event.Message;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.internal.ModelJson;
import dev.brook.core.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One line of a Message Batch's results ({@link Batches#results}): the {@code custom_id} of a request and
 * what became of it. Immutable. Test the kind with {@code instanceof}:
 *
 * <pre>{@code
 * if (result instanceof BatchResult.Succeeded ok) {
 *     System.out.println(ok.customId() + ": " + ok.message().text());
 * } else if (result instanceof BatchResult.Errored failed) {
 *     System.out.println(failed.customId() + " failed: " + failed.errorType());
 * }
 * }</pre>
 */
public sealed interface BatchResult
        permits BatchResult.Succeeded, BatchResult.Errored, BatchResult.Canceled, BatchResult.Expired,
                BatchResult.Unknown {

    /** {@return {@code custom_id}: the id given in the {@link BatchRequest}} */
    String customId();

    /** {@return {@code result.type}: {@code succeeded}, {@code errored}, {@code canceled}, {@code expired} or another} */
    String type();

    /**
     * The request succeeded: {@code {"type":"succeeded","message":{...}}}.
     *
     * @param customId {@code custom_id}
     * @param message {@code message}: the reply, as {@link Messages#create} returns it
     */
    record Succeeded(String customId, Message message) implements BatchResult {
        /**
         * @param customId {@code custom_id}
         * @param message the reply
         * @throws NullPointerException if an argument is null
         */
        public Succeeded {
            Objects.requireNonNull(customId, "customId");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String type() {
            return "succeeded";
        }
    }

    /**
     * The request failed: {@code {"type":"errored","error":{"type":"error","error":{"type":..,"message":..}}}}.
     *
     * @param customId {@code custom_id}
     * @param errorType the innermost {@code error.type}, such as {@code invalid_request_error}; empty when absent
     * @param errorMessage the innermost {@code error.message}; empty when absent
     * @param error {@code error} as received
     */
    record Errored(String customId, String errorType, String errorMessage, JsonValue error) implements BatchResult {
        /**
         * @param customId {@code custom_id}
         * @param errorType the error's type
         * @param errorMessage the error's message
         * @param error the error object as received
         * @throws NullPointerException if an argument is null
         */
        public Errored {
            Objects.requireNonNull(customId, "customId");
            Objects.requireNonNull(errorType, "errorType");
            Objects.requireNonNull(errorMessage, "errorMessage");
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String type() {
            return "errored";
        }
    }

    /**
     * The batch was canceled before the request was sent to a model.
     *
     * @param customId {@code custom_id}
     */
    record Canceled(String customId) implements BatchResult {
        /**
         * @param customId {@code custom_id}
         * @throws NullPointerException if it is null
         */
        public Canceled {
            Objects.requireNonNull(customId, "customId");
        }

        @Override
        public String type() {
            return "canceled";
        }
    }

    /**
     * The batch reached its 24-hour expiry before the request was sent to a model.
     *
     * @param customId {@code custom_id}
     */
    record Expired(String customId) implements BatchResult {
        /**
         * @param customId {@code custom_id}
         * @throws NullPointerException if it is null
         */
        public Expired {
            Objects.requireNonNull(customId, "customId");
        }

        @Override
        public String type() {
            return "expired";
        }
    }

    /**
     * A result type this version of Brook does not know, kept whole.
     *
     * @param customId {@code custom_id}
     * @param type {@code result.type}
     * @param result {@code result} as received
     */
    record Unknown(String customId, String type, JsonValue result) implements BatchResult {
        /**
         * @param customId {@code custom_id}
         * @param type {@code result.type}
         * @param result the result object as received
         * @throws NullPointerException if an argument is null
         */
        public Unknown {
            Objects.requireNonNull(customId, "customId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * Parses one line of a results file (a {@code .jsonl} line, without its line terminator).
     *
     * @param line one JSON object
     * @return the typed result
     * @throws IllegalArgumentException when the line is not a result object; the message says why
     */
    static BatchResult fromJson(String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return fromJson(bytes, 0, bytes.length);
    }

    /**
     * Parses {@code length} bytes of UTF-8 from {@code offset}: one line of a results file.
     *
     * @param line holds the line
     * @param offset where it starts
     * @param length how many bytes it takes, without the line terminator
     * @return the typed result
     * @throws IllegalArgumentException when the bytes are not a result object; the message says why
     */
    static BatchResult fromJson(byte[] line, int offset, int length) {
        JsonNode root = EndpointJson.object(line, offset, length);
        String customId = EndpointJson.text(root, "custom_id");
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            throw new IllegalArgumentException("'result' of " + customId + " is " + (result == null ? "missing" : "not an object"));
        }
        String type = EndpointJson.text(result, "type");
        switch (type) {
            case "succeeded": {
                JsonNode message = result.get("message");
                if (message == null || !message.isObject()) {
                    throw new IllegalArgumentException("'result.message' of " + customId + " is not an object");
                }
                return new Succeeded(customId, ModelJson.readMessage(message));
            }
            case "errored": {
                JsonNode error = result.path("error");
                JsonNode inner = error.path("error").isObject() ? error.path("error") : error;
                return new Errored(customId, inner.path("type").asText(""), inner.path("message").asText(""),
                        JsonValueCodec.fromTree(result.get("error")));
            }
            case "canceled":
                return new Canceled(customId);
            case "expired":
                return new Expired(customId);
            default:
                return new Unknown(customId, type, JsonValueCodec.fromTree(result));
        }
    }
}
