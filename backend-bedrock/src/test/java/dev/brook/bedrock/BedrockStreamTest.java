package dev.brook.bedrock;

import static dev.brook.bedrock.BedrockFixtureTest.backend;
import static dev.brook.bedrock.BedrockFixtureTest.client;
import static dev.brook.bedrock.BedrockFixtureTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.Message;
import dev.brook.testkit.BedrockResponses;
import dev.brook.testkit.EventStreamFrames;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bedrock's event-stream framing end to end: exceptions in the stream, corrupt and cut frames, limits. */
class BedrockStreamTest {
    private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}";
    private static final String BLOCK = "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    private static final String DELTA = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello from Bedrock\"}}";
    private static final String STOP_BLOCK = "{\"type\":\"content_block_stop\",\"index\":0}";
    private static final String MESSAGE_DELTA = "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}";
    private static final String STOP = "{\"type\":\"message_stop\"}";

    private FakeMessagesServer server;
    private Brook brook;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        brook = client(backend(server));
    }

    @AfterEach
    void stop() {
        brook.close();
        server.close();
    }

    private static byte[] chunk(String json) {
        return EventStreamFrames.chunk(json.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[][] beforeEnd() {
        return new byte[][] {chunk(START), chunk(BLOCK), chunk(DELTA)};
    }

    private static byte[][] with(byte[][] head, byte[]... tail) {
        byte[][] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private Throwable streamFails() {
        return catchThrowable(() -> {
            try (MessageStream stream = brook.messages().stream(request())) {
                stream.finalMessage();
            }
        });
    }

    private Throwable streamAsyncFails() {
        return catchThrowable(() -> {
            try {
                brook.messages().streamAsync(request(), new StreamListener() { }).finalMessage().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            }
        });
    }

    @Test
    void wholeStreamSplitIntoOneByteChunksGivesTheMessage() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] frame : with(beforeEnd(), chunk(STOP_BLOCK), chunk(MESSAGE_DELTA), chunk(STOP))) {
            body.writeBytes(frame);
        }
        ScriptedResponse.Builder response = ScriptedResponse.builder()
                .header("content-type", BedrockResponses.EVENT_STREAM).header("x-amzn-requestid", "req-1");
        for (byte b : body.toByteArray()) {
            response.chunk(new byte[] {b});
        }
        server.enqueue(response.build());
        try (MessageStream stream = brook.messages().stream(request())) {
            Message message = stream.finalMessage();
            assertThat(message.text()).isEqualTo("Hello from Bedrock");
            assertThat(stream.requestId()).contains("req-1");
        }
    }

    @Test
    void throttlingExceptionFrameMidStreamIsAStreamErrorWithTheSnapshot() {
        server.enqueue(BedrockResponses.frames(with(beforeEnd(),
                EventStreamFrames.exception("throttlingException", "Too many tokens, please wait"))));
        Throwable error = streamFails();
        assertThat(error).isInstanceOf(StreamErrorException.class);
        StreamErrorException e = (StreamErrorException) error;
        assertThat(e.errorType()).isEqualTo("rate_limit_error");
        assertThat(e.errorMessage()).isEqualTo("throttlingException: Too many tokens, please wait");
        assertThat(e.snapshot().orElseThrow().text()).isEqualTo("Hello from Bedrock");
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void exceptionFrameMidStreamFailsTheAsyncStreamToo() {
        server.enqueue(BedrockResponses.frames(with(beforeEnd(),
                EventStreamFrames.exception("modelStreamErrorException", "The model stopped"))));
        Throwable error = streamAsyncFails();
        assertThat(error).isInstanceOf(StreamErrorException.class);
        StreamErrorException e = (StreamErrorException) error;
        assertThat(e.errorType()).isEqualTo("api_error");
        assertThat(e.errorMessage()).isEqualTo("modelStreamErrorException: The model stopped");
        assertThat(e.snapshot().orElseThrow().text()).isEqualTo("Hello from Bedrock");
    }

    @Test
    void exceptionTypesMapToTheMessagesErrorTypes() {
        String[][] cases = {
            {"serviceUnavailableException", "overloaded_error"},
            {"validationException", "invalid_request_error"},
            {"internalServerException", "api_error"},
            {"modelTimeoutException", "api_error"},
        };
        for (String[] c : cases) {
            server.enqueue(BedrockResponses.frames(with(beforeEnd(), EventStreamFrames.exception(c[0], "boom"))));
            Throwable error = streamFails();
            assertThat(error).as(c[0]).isInstanceOf(StreamErrorException.class);
            assertThat(((StreamErrorException) error).errorType()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void errorFrameEndsTheStreamWithItsCodeAndMessage() {
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), EventStreamFrames.error("InternalFailure", "oops"))));
        Throwable error = streamFails();
        assertThat(error).isInstanceOf(StreamErrorException.class);
        assertThat(((StreamErrorException) error).errorType()).isEqualTo("api_error");
        assertThat(((StreamErrorException) error).errorMessage()).isEqualTo("InternalFailure: oops");
    }

    @Test
    void wrongMessageCrcIsAProtocolErrorWithTheSnapshot() {
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), EventStreamFrames.withBadMessageCrc(chunk(STOP_BLOCK)))));
        Throwable error = streamFails();
        assertThat(error).isInstanceOf(StreamProtocolException.class).hasMessageContaining("checksum");
        StreamProtocolException e = (StreamProtocolException) error;
        assertThat(e.snapshot().orElseThrow().text()).isEqualTo("Hello from Bedrock");
        assertThat(e.requestId()).isPresent();
    }

    @Test
    void wrongPreludeCrcIsAProtocolErrorWithTheSnapshot() {
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), EventStreamFrames.withBadPreludeCrc(chunk(STOP_BLOCK)))));
        Throwable error = streamAsyncFails();
        assertThat(error).isInstanceOf(StreamProtocolException.class).hasMessageContaining("prelude checksum");
        assertThat(((StreamProtocolException) error).snapshot().orElseThrow().text()).isEqualTo("Hello from Bedrock");
    }

    @Test
    void frameCutShortAndFollowedByTheNextIsAProtocolErrorWithTheSnapshot() {
        byte[] cut = chunk(STOP_BLOCK);
        cut = Arrays.copyOf(cut, cut.length - 7);
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), cut, chunk(MESSAGE_DELTA), chunk(STOP))));
        Throwable error = streamFails();
        assertThat(error).isInstanceOf(StreamProtocolException.class).hasMessageContaining("checksum");
        assertThat(((StreamProtocolException) error).snapshot().orElseThrow().text()).isEqualTo("Hello from Bedrock");
    }

    @Test
    void bodyEndingInsideAFrameIsAnIncompleteStreamWithTheSnapshot() {
        byte[] cut = chunk(STOP_BLOCK);
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), Arrays.copyOf(cut, cut.length / 2))));
        Throwable error = streamFails();
        assertThat(error).isInstanceOf(IncompleteStreamException.class);
        assertThat(((IncompleteStreamException) error).snapshot().orElseThrow().text()).isEqualTo("Hello from Bedrock");
    }

    @Test
    void chunkThatIsNotBase64IsAProtocolError() {
        byte[] bad = EventStreamFrames.frame(chunkHeaders(), "{\"bytes\":\"not base64!\"}".getBytes(StandardCharsets.UTF_8));
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), bad)));
        Throwable error = streamFails();
        assertThat(error).isInstanceOf(StreamProtocolException.class).hasMessageContaining("not valid base64");
        assertThat(((StreamProtocolException) error).snapshot()).isPresent();
    }

    @Test
    void chunkThatIsNotJsonIsAProtocolError() {
        byte[] bad = EventStreamFrames.frame(chunkHeaders(), "bytes=abc".getBytes(StandardCharsets.UTF_8));
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), bad)));
        Throwable error = streamFails();
        assertThat(error).isInstanceOf(StreamProtocolException.class).hasMessageContaining("is not JSON");
    }

    @Test
    void frameLargerThanMaxEventSizeAllowsIsRefusedBeforeItIsBuffered() {
        try (Brook small = Brook.builder().backend(backend(server)).transport("jdk").maxRetries(0).maxEventSize(1024)
                .build()) {
            // The prelude claims 10 MB; only the prelude is sent: the decoder must not wait for (or allocate) it.
            byte[] prelude = java.nio.ByteBuffer.allocate(12).putInt(10_000_000).putInt(50).putInt(0).array();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(prelude, 0, 8);
            java.nio.ByteBuffer.wrap(prelude).putInt(8, (int) crc.getValue());
            server.enqueue(BedrockResponses.frames(with(beforeEnd(), prelude)));
            Throwable error = catchThrowable(() -> {
                try (MessageStream stream = small.messages().stream(request())) {
                    stream.finalMessage();
                }
            });
            assertThat(error).isInstanceOf(StreamProtocolException.class)
                    .hasMessageContaining("frame of 10000000 bytes")
                    .hasMessageContaining("maxEventSize");
            assertThat(((StreamProtocolException) error).snapshot()).isPresent();
        }
    }

    @Test
    void eventLargerThanMaxEventSizeIsAProtocolError() {
        try (Brook small = Brook.builder().backend(backend(server)).transport("jdk").maxRetries(0).maxEventSize(200)
                .build()) {
            String big = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\""
                    + "x".repeat(400) + "\"}}";
            server.enqueue(BedrockResponses.frames(with(beforeEnd(), chunk(big))));
            Throwable error = catchThrowable(() -> {
                try (MessageStream stream = small.messages().stream(request())) {
                    stream.finalMessage();
                }
            });
            assertThat(error).isInstanceOf(StreamProtocolException.class).hasMessageContaining("exceeds maxEventSize 200");
        }
    }

    @Test
    void otherEventTypesAreSkipped() {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(":event-type", "metadata");
        headers.put(":message-type", "event");
        byte[] metadata = EventStreamFrames.frame(headers, "{}".getBytes(StandardCharsets.UTF_8));
        server.enqueue(BedrockResponses.frames(with(beforeEnd(), metadata, chunk(STOP_BLOCK), chunk(MESSAGE_DELTA),
                chunk(STOP))));
        try (MessageStream stream = brook.messages().stream(request())) {
            assertThat(stream.finalMessage().text()).isEqualTo("Hello from Bedrock");
        }
    }

    private static java.util.Map<String, String> chunkHeaders() {
        java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put(":event-type", "chunk");
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        return headers;
    }

    @Test
    void fromSseMakesOneFramePerEvent() {
        List<byte[]> frames = new ArrayList<>(EventStreamFrames.fromSse(("event: ping\ndata: {\"type\":\"ping\"}\n\n"
                + ": comment\n\nevent: error\r\ndata: {\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\","
                + "\"message\":\"slow\"}}\r\n\r\ndata: {\"cut\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(frames).hasSize(2);
        assertThat(new String(frames.get(1), StandardCharsets.ISO_8859_1)).contains("throttlingException", "slow");
    }
}
