package dev.brook.core.internal;

import dev.brook.core.accumulate.MessageAccumulator;
import dev.brook.core.accumulate.StreamUpdate;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.ContentBlockStartEvent;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.json.JsonValue;

/**
 * The {@link StreamUpdate} one event gives, read from an accumulator that has just applied that event:
 * the one mapping behind both a sync stream's updates and the async listener callbacks. Stateless.
 */
public final class StreamUpdates {
    private StreamUpdates() {
    }

    /**
     * {@return the update {@code event} gives, or null for an event that changes no block}
     *
     * @param event the event just applied to {@code accumulator}
     * @param accumulator the accumulator, in the state right after {@code event}
     */
    public static StreamUpdate of(StreamEvent event, MessageAccumulator accumulator) {
        if (event instanceof ContentBlockDeltaEvent d) {
            int index = d.index();
            Delta delta = d.delta();
            if (delta instanceof Delta.TextDelta t) {
                return new StreamUpdate.Text(index, t.text(), accumulator.textSoFar(index));
            } else if (delta instanceof Delta.InputJsonDelta j) {
                return new StreamUpdate.InputJson(index, j.partialJson(),
                        () -> accumulator.partialInput(index).orElse(JsonValue.NULL));
            } else if (delta instanceof Delta.ThinkingDelta t) {
                return new StreamUpdate.Thinking(index, t.thinking(), accumulator.textSoFar(index));
            } else if (delta instanceof Delta.SignatureDelta s) {
                return new StreamUpdate.Signature(index, s.signature());
            } else if (delta instanceof Delta.CitationsDelta c) {
                return new StreamUpdate.Citation(index, c.citation());
            }
            return null;
        } else if (event instanceof ContentBlockStartEvent s) {
            return new StreamUpdate.BlockStart(s.index(), s.contentBlock());
        } else if (event instanceof ContentBlockStopEvent s) {
            return new StreamUpdate.BlockStop(s.index(), accumulator.block(s.index()));
        }
        return null;
    }
}
