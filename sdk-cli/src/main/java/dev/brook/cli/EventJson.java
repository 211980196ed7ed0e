package dev.brook.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.ContentBlockStartEvent;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.ErrorEvent;
import dev.brook.core.event.MessageDeltaEvent;
import dev.brook.core.event.MessageStartEvent;
import dev.brook.core.event.MessageStopEvent;
import dev.brook.core.event.PingEvent;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.UnknownEvent;
import dev.brook.core.json.JsonValue;
import dev.brook.core.sse.SseEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes typed events and raw SSE events as one-line JSON. Typed events come out in the wire shape of the
 * Messages API ({@code {"type":"content_block_delta","index":0,"delta":{...}}}), so a line can be compared
 * with the {@code data:} the server sent; only what the parsed event keeps is written.
 *
 * <p>An unknown event whose data is a JSON object with a {@code type} is written as received. Other
 * unknown events are written as {@code {"type":...,"data":<the JSON value>}} when the data is JSON, and
 * as {@code {"type":...,"data_text":"<the data as received>"}} when it is not (plain text, empty,
 * truncated JSON): a different field, so that data {@code hello} and data {@code "hello"} (a JSON string)
 * stay distinguishable.
 */
final class EventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private EventJson() {
    }

    private interface Body {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private static String json(Body body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory writer
        }
        return out.toString();
    }

    /** The event as one line of JSON, without the line end. */
    static String typed(StreamEvent event) {
        return json(g -> write(g, event));
    }

    /**
     * A raw SSE event as {@code {"event":...,"data":...,"id":...,"retry":...}}; {@code id} is null when no id
     * was ever set, {@code retry} when the event's block set none.
     */
    static String sse(SseEvent event) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("event", event.type());
            g.writeStringField("data", event.data());
            if (event.lastEventId().isEmpty()) {
                g.writeNullField("id");
            } else {
                g.writeStringField("id", event.lastEventId());
            }
            if (event.retry().isPresent()) {
                g.writeNumberField("retry", event.retry().getAsLong());
            } else {
                g.writeNullField("retry");
            }
            g.writeEndObject();
        });
    }

    private static void write(JsonGenerator g, StreamEvent event) throws IOException {
        // Error and unknown events keep their data whole: write it back as received when it is an object.
        if (event instanceof ErrorEvent e && e.raw() instanceof JsonValue.JsonObject) {
            tree(g, e.raw());
            return;
        }
        if (event instanceof UnknownEvent u && u.raw().isPresent() && u.raw().get().get("type").isPresent()
                && u.raw().get() instanceof JsonValue.JsonObject) {
            tree(g, u.raw().get());
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", event.type());
        if (event instanceof MessageStartEvent s) {
            g.writeFieldName("message");
            g.writeRawValue(s.message().toJson());
        } else if (event instanceof ContentBlockStartEvent s) {
            g.writeNumberField("index", s.index());
            g.writeFieldName("content_block");
            g.writeRawValue(s.contentBlock().toJson());
        } else if (event instanceof ContentBlockDeltaEvent d) {
            g.writeNumberField("index", d.index());
            g.writeFieldName("delta");
            writeDelta(g, d.delta());
        } else if (event instanceof ContentBlockStopEvent s) {
            g.writeNumberField("index", s.index());
        } else if (event instanceof MessageDeltaEvent d) {
            g.writeObjectFieldStart("delta");
            for (Map.Entry<String, JsonValue> field : d.delta().entrySet()) {
                g.writeFieldName(field.getKey());
                tree(g, field.getValue());
            }
            g.writeEndObject();
            g.writeFieldName("usage");
            g.writeRawValue(d.usage().toJson());
            for (Map.Entry<String, JsonValue> field : d.unknownFields().entrySet()) { // context_management, …
                g.writeFieldName(field.getKey());
                tree(g, field.getValue());
            }
        } else if (event instanceof ErrorEvent e) {
            g.writeObjectFieldStart("error");
            g.writeStringField("type", e.errorType());
            g.writeStringField("message", e.errorMessage());
            g.writeEndObject();
        } else if (event instanceof UnknownEvent u) {
            if (u.raw().isEmpty()) { // the data was not JSON: only its text is known
                g.writeStringField("data_text", u.data());
            } else {
                g.writeFieldName("data");
                tree(g, u.raw().get());
            }
        } else if (!(event instanceof MessageStopEvent || event instanceof PingEvent)) {
            throw new IllegalStateException("unhandled event kind " + event.getClass().getName());
        }
        g.writeEndObject();
    }

    private static void writeDelta(JsonGenerator g, Delta delta) throws IOException {
        if (delta instanceof Delta.UnknownDelta u) {
            tree(g, u.raw());
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", delta.type());
        if (delta instanceof Delta.TextDelta t) {
            g.writeStringField("text", t.text());
        } else if (delta instanceof Delta.InputJsonDelta j) {
            g.writeStringField("partial_json", j.partialJson());
        } else if (delta instanceof Delta.ThinkingDelta t) {
            g.writeStringField("thinking", t.thinking());
        } else if (delta instanceof Delta.SignatureDelta s) {
            g.writeStringField("signature", s.signature());
        } else if (delta instanceof Delta.CompactionDelta c) {
            g.writeStringField("content", c.content());
        } else if (delta instanceof Delta.CitationsDelta c) {
            g.writeFieldName("citation");
            tree(g, c.citation());
        }
        g.writeEndObject();
    }

    private static void tree(JsonGenerator g, JsonValue value) throws IOException {
        g.writeRawValue(value.toJson());
    }
}
