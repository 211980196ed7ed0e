package dev.brook.spring.boot;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.request.MessageRequest;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.stream.Collectors;

/** A short scripted reply and a call that reads it, for the tests that look at what the server received. */
final class Replies {
    static final String TEXT = "Hello, Spring.";
    static final String HEAD = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-spring\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
    static final String DELTAS = "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello, \"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Spring.\"}}\n\n";
    static final String TAIL = "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":4}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    static final MessageRequest REQUEST = MessageRequest.builder()
            .model("claude-spring")
            .maxTokens(256)
            .addUserMessage("Say hello.")
            .build();

    private Replies() {
    }

    static ScriptedResponse reply() {
        return ScriptedResponse.sse(HEAD + DELTAS + TAIL);
    }

    /** Streams {@link #REQUEST} to the end and returns the text. */
    static String streamText(Brook brook) {
        try (MessageStream stream = brook.messages().stream(REQUEST)) {
            return stream.textStream().collect(Collectors.joining());
        }
    }

    /** Streams one reply from {@code server} and returns the request the server received. */
    static RecordedRequest callThrough(Brook brook, FakeMessagesServer server) throws InterruptedException {
        server.enqueue(reply());
        String text = streamText(brook);
        if (!TEXT.equals(text)) {
            throw new AssertionError("expected the reply's text, got: " + text);
        }
        return server.takeRequest(Duration.ofSeconds(10))
                .orElseThrow(() -> new AssertionError("the server recorded no request"));
    }
}
