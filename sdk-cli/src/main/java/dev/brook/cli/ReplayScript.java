package dev.brook.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.testkit.BedrockResponses;
import dev.brook.testkit.EventStreamFrames;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reply replay mode serves: a short story streamed as a real Messages API stream would be — text
 * deltas of token-like sizes, pings, usage — optionally after a thinking block with a signature. The
 * pieces are spread over about 1.2 s (a little more on the wire) so the reply visibly streams.
 */
final class ReplayScript {
    /** The CLI builds its replay JSON with Jackson trees of its own. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The story replay mode tells, whatever the prompt. */
    static final String STORY = "Once upon a time, a small brook ran down a mountain, carrying every pebble of news"
            + " it heard to the valley below. It never waited to gather a whole sentence; it passed along each"
            + " word the moment it arrived, and the villagers learned to listen as it spoke.\n\n"
            + "One spring the brook met a river that insisted on collecting everything first. \u201cPatience,\u201d"
            + " said the river, and said nothing more until evening. By then the villagers had already heard"
            + " the whole tale from the brook \u2014 one ripple at a time.\n\nThe end.";

    /** The thinking shown first with {@code --thinking}. */
    static final String THINKING = "The user wants a story. Something short and gentle about streaming:"
            + " a brook that passes news along word by word, contrasted with a river that waits for the"
            + " whole message. Keep it to two paragraphs.";

    /** A fixed stand-in for the signature the API puts on a thinking block. */
    static final String SIGNATURE = "UmVwbGF5IG1vZGU6IG5vdCBhIHJlYWwgc2lnbmF0dXJl";

    private static final Duration TOTAL = Duration.ofMillis(1200);
    /** A word with its leading space, a run of punctuation, or whitespace: roughly one token each. */
    private static final Pattern TOKEN = Pattern.compile("\\s*[\\p{L}\\p{N}']+|\\s*[^\\p{L}\\p{N}'\\s]+|\\s+");

    private ReplayScript() {
    }

    /**
     * The scripted response for one request.
     *
     * @param model echoed in {@code message_start}, as the API does
     * @param thinking whether a thinking block comes first
     * @param inputTokens reported as {@code usage.input_tokens}
     */
    static ScriptedResponse response(String model, boolean thinking, int inputTokens) {
        return sse(events(model, thinking, inputTokens));
    }

    /**
     * The events of the scripted reply, each a whole SSE event (name, data and the blank line).
     *
     * @param model echoed in {@code message_start}, as the API does
     * @param thinking whether a thinking block comes first
     * @param inputTokens reported as {@code usage.input_tokens}
     */
    static List<String> events(String model, boolean thinking, int inputTokens) {
        List<String> events = new ArrayList<>();
        List<String> text = tokens(STORY);
        List<String> thought = thinking ? tokens(THINKING) : List.of();

        ObjectNode message = JSON.createObjectNode();
        message.put("id", "msg_replay_01");
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.set("usage", usage(inputTokens, 1));
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        start.set("message", message);
        events.add(event("message_start", start));
        events.add(event("ping", JSON.createObjectNode().put("type", "ping")));

        int index = 0;
        if (thinking) {
            ObjectNode block = JSON.createObjectNode().put("type", "thinking").put("thinking", "")
                    .put("signature", "");
            events.add(blockStart(index, block));
            for (String piece : thought) {
                events.add(delta(index, JSON.createObjectNode().put("type", "thinking_delta").put("thinking", piece)));
            }
            events.add(delta(index, JSON.createObjectNode().put("type", "signature_delta").put("signature", SIGNATURE)));
            events.add(blockStop(index));
            index++;
        }
        events.add(blockStart(index, JSON.createObjectNode().put("type", "text").put("text", "")));
        for (int i = 0; i < text.size(); i++) {
            events.add(delta(index, JSON.createObjectNode().put("type", "text_delta").put("text", text.get(i))));
            if (i == text.size() / 2) {
                events.add(event("ping", JSON.createObjectNode().put("type", "ping")));
            }
        }
        events.add(blockStop(index));

        ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", "end_turn").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", text.size() + thought.size() + (thinking ? 1 : 0));
        events.add(event("message_delta", messageDelta));
        events.add(event("message_stop", JSON.createObjectNode().put("type", "message_stop")));
        return events;
    }

    /** The events as the direct API (and Vertex AI, and Foundry) stream them: SSE, paced over the replay. */
    static ScriptedResponse sse(List<String> events) {
        ScriptedResponse.Builder b = ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .header("cache-control", "no-cache")
                .header("request-id", "req_replay_01");
        Duration gap = TOTAL.dividedBy(events.size());
        for (int i = 0; i < events.size(); i++) {
            b.chunk(events.get(i), i == 0 ? Duration.ZERO : gap);
        }
        return b.build();
    }

    /** The events as Bedrock streams them: one AWS event-stream frame each, paced over the replay. */
    static ScriptedResponse eventStream(List<String> events) {
        ScriptedResponse.Builder b = ScriptedResponse.builder()
                .header("content-type", BedrockResponses.EVENT_STREAM)
                .header("x-amzn-requestid", "replay-0000-0001");
        Duration gap = TOTAL.dividedBy(events.size());
        for (int i = 0; i < events.size(); i++) {
            for (byte[] frame : EventStreamFrames.fromSse(events.get(i).getBytes(StandardCharsets.UTF_8))) {
                b.chunk(frame, i == 0 ? Duration.ZERO : gap);
            }
        }
        return b.build();
    }

    /** Splits text into token-sized pieces whose concatenation is the text. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int end = 0;
        while (m.find()) {
            out.add(m.group());
            end = m.end();
        }
        if (end != text.length()) {
            throw new IllegalStateException("tokenizer left text over at " + end); // cannot happen: \s+ matches the rest
        }
        return out;
    }

    private static ObjectNode usage(int input, int output) {
        return JSON.createObjectNode().put("input_tokens", input).put("output_tokens", output);
    }

    private static String blockStart(int index, ObjectNode block) {
        ObjectNode e = JSON.createObjectNode().put("type", "content_block_start").put("index", index);
        e.set("content_block", block);
        return event("content_block_start", e);
    }

    private static String delta(int index, ObjectNode delta) {
        ObjectNode e = JSON.createObjectNode().put("type", "content_block_delta").put("index", index);
        e.set("delta", delta);
        return event("content_block_delta", e);
    }

    private static String blockStop(int index) {
        return event("content_block_stop",
                JSON.createObjectNode().put("type", "content_block_stop").put("index", index));
    }

    private static String event(String name, ObjectNode data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }
}
