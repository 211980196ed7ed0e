package dev.brook.core.internal;

import dev.brook.core.accumulate.MessageAccumulator;
import dev.brook.core.accumulate.StreamUpdate;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.ContentBlockStartEvent;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;
import java.util.function.Supplier;

/**
 * What one event changed, read from an accumulator that has just applied that event: the one mapping
 * behind both a sync stream's {@link StreamUpdate}s and the async listener callbacks. The mapping calls
 * a {@link Sink}, so the listener path allocates nothing per event (a record per event measured +40 B
 * per event end to end); {@link #of} makes the records for the sync path. Stateless.
 */
public final class StreamUpdates {
    private StreamUpdates() {
    }

    /** Receives what an event changed; each method has the block's index. */
    public interface Sink {
        /** A text delta, with the block's text so far (a live view). */
        void text(int index, String delta, CharSequence textSoFar);

        /** A tool input fragment, with the input so far, parsed when asked. */
        void inputJson(int index, String fragment, Supplier<JsonValue> partialInput);

        /** A thinking delta, with the block's thinking so far (a live view). */
        void thinking(int index, String delta, CharSequence thinkingSoFar);

        /** A thinking block's signature. */
        void signature(int index, String signature);

        /** A citation added to a text block. */
        void citation(int index, JsonValue citation);

        /** A block started. */
        void blockStart(int index, ContentBlock block);

        /** A block stopped; {@code block} is final. */
        void blockStop(int index, ContentBlock block);
    }

    /**
     * Tells {@code sink} what {@code event} changed; nothing for an event that changes no block.
     *
     * @param event the event just applied to {@code accumulator}
     * @param accumulator the accumulator, in the state right after {@code event}
     * @param sink what receives the change
     */
    public static void apply(StreamEvent event, MessageAccumulator accumulator, Sink sink) {
        if (event instanceof ContentBlockDeltaEvent d) {
            int index = d.index();
            Delta delta = d.delta();
            if (delta instanceof Delta.TextDelta t) {
                sink.text(index, t.text(), accumulator.textSoFar(index));
            } else if (delta instanceof Delta.InputJsonDelta j) {
                sink.inputJson(index, j.partialJson(), () -> accumulator.partialInput(index).orElse(JsonValue.NULL));
            } else if (delta instanceof Delta.ThinkingDelta t) {
                sink.thinking(index, t.thinking(), accumulator.textSoFar(index));
            } else if (delta instanceof Delta.SignatureDelta s) {
                sink.signature(index, s.signature());
            } else if (delta instanceof Delta.CitationsDelta c) {
                sink.citation(index, c.citation());
            }
        } else if (event instanceof ContentBlockStartEvent s) {
            sink.blockStart(s.index(), s.contentBlock());
        } else if (event instanceof ContentBlockStopEvent s) {
            sink.blockStop(s.index(), accumulator.block(s.index()));
        }
    }

    /**
     * {@return the update {@code event} gives, or null for an event that changes no block}
     *
     * @param event the event just applied to {@code accumulator}
     * @param accumulator the accumulator, in the state right after {@code event}
     */
    public static StreamUpdate of(StreamEvent event, MessageAccumulator accumulator) {
        Records records = new Records();
        apply(event, accumulator, records);
        return records.update;
    }

    /** Makes the record of each change. */
    private static final class Records implements Sink {
        StreamUpdate update;

        @Override
        public void text(int index, String delta, CharSequence textSoFar) {
            update = new StreamUpdate.Text(index, delta, textSoFar);
        }

        @Override
        public void inputJson(int index, String fragment, Supplier<JsonValue> partialInput) {
            update = new StreamUpdate.InputJson(index, fragment, partialInput);
        }

        @Override
        public void thinking(int index, String delta, CharSequence thinkingSoFar) {
            update = new StreamUpdate.Thinking(index, delta, thinkingSoFar);
        }

        @Override
        public void signature(int index, String signature) {
            update = new StreamUpdate.Signature(index, signature);
        }

        @Override
        public void citation(int index, JsonValue citation) {
            update = new StreamUpdate.Citation(index, citation);
        }

        @Override
        public void blockStart(int index, ContentBlock block) {
            update = new StreamUpdate.BlockStart(index, block);
        }

        @Override
        public void blockStop(int index, ContentBlock block) {
            update = new StreamUpdate.BlockStop(index, block);
        }
    }
}
