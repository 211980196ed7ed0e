package dev.brook.testkit;

import dev.brook.core.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Responses as Amazon Bedrock's runtime API gives them, for {@link FakeMessagesServer}: event-stream
 * replies of {@code invoke-with-response-stream}, JSON replies of {@code invoke}, and Bedrock-shaped
 * errors. Each carries an {@code x-amzn-requestid} (a fresh UUID per response built). Uses no AWS
 * library. Stateless and thread-safe.
 */
public final class BedrockResponses {
    /** The media type of Bedrock's streamed replies. */
    public static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private BedrockResponses() {
    }

    /**
     * A 200 stream of the same reply as an SSE body, one frame per event (see
     * {@link EventStreamFrames#fromSse}), each frame its own HTTP chunk.
     *
     * @param sseBody the event-stream text as UTF-8
     * @return the response
     */
    public static ScriptedResponse stream(byte[] sseBody) {
        return frames(EventStreamFrames.fromSse(sseBody).toArray(new byte[0][]));
    }

    /**
     * A 200 stream of these frames, each its own HTTP chunk.
     *
     * @param frames the frames, as {@link EventStreamFrames} makes them (or corrupted, or cut)
     * @return the response
     */
    public static ScriptedResponse frames(byte[]... frames) {
        return framesBuilder(List.of(frames)).build();
    }

    /**
     * A 200 stream of these frames, each its own HTTP chunk, as a builder to add faults to (such as
     * {@link ScriptedResponse.Builder#closeMidBody()}).
     *
     * @param frames the frames
     * @return a builder with the status, headers and chunks set
     */
    public static ScriptedResponse.Builder framesBuilder(List<byte[]> frames) {
        Objects.requireNonNull(frames, "frames");
        ScriptedResponse.Builder b = ScriptedResponse.builder()
                .status(200)
                .header("content-type", EVENT_STREAM)
                .header("x-amzn-requestid", UUID.randomUUID().toString())
                .header("x-amzn-bedrock-content-type", "application/json");
        frames.forEach(b::chunk);
        return b;
    }

    /**
     * The 200 reply of {@code invoke}: the message as JSON, with a {@code Content-Length}.
     *
     * @param json the Messages API's message JSON
     * @return the response
     */
    public static ScriptedResponse message(String json) {
        Objects.requireNonNull(json, "json");
        return ScriptedResponse.builder()
                .status(200)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", UUID.randomUUID().toString())
                .body(json)
                .fixedLength()
                .build();
    }

    /**
     * A Bedrock error: {@code x-amzn-ErrorType: <errorType>:http://internal.amazon.com/coral/com.amazon.bedrock/},
     * body {@code {"message":...}}, with a {@code Content-Length}.
     *
     * @param status the HTTP status, such as 429 for {@code ThrottlingException} or 403 for
     *     {@code AccessDeniedException}
     * @param errorType the AWS error type, such as {@code ThrottlingException}, {@code ValidationException},
     *     {@code ModelStreamErrorException}, {@code ServiceUnavailableException}
     * @param message the error's message
     * @return the response
     */
    public static ScriptedResponse error(int status, String errorType, String message) {
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
        return ScriptedResponse.builder()
                .status(status)
                .header("content-type", "application/json")
                .header("x-amzn-requestid", UUID.randomUUID().toString())
                .header("x-amzn-ErrorType", errorType + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                .body(new JsonValue.JsonObject(Map.of("message", JsonValue.of(message))).toJson())
                .fixedLength()
                .build();
    }
}
