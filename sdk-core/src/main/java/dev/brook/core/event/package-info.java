/**
 * The typed model of the Messages API stream: {@link dev.brook.core.event.StreamEvent} and its records,
 * {@link dev.brook.core.event.Delta}, {@link dev.brook.core.event.ContentBlock},
 * {@link dev.brook.core.event.Message}, {@link dev.brook.core.event.Usage},
 * {@link dev.brook.core.event.StopReason}.
 *
 * <p>Forward compatible: unknown event, block and delta kinds and unknown fields are kept as raw JSON and
 * written back unchanged, never an error. An unknown event kind is kept whatever its data is: as text
 * always, and as JSON too when the data is JSON (see {@link dev.brook.core.event.UnknownEvent}). Raw
 * values are immutable {@link dev.brook.core.json.JsonValue}s.
 */
package dev.brook.core.event;
