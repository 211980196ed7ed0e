/**
 * Server-Sent Events, exactly as the WHATWG HTML Living Standard defines them:
 * {@link dev.brook.core.sse.SseDecoder} turns the bytes of a {@code text/event-stream} body, in chunks
 * split anywhere, into {@link dev.brook.core.sse.SseEvent}s. Knows nothing of the Messages API; the
 * {@code dev.brook.core.event} package gives the events their meaning.
 *
 * <p>All types are non-null by default; absence is {@link java.util.OptionalLong} or an empty string
 * where the standard says so.
 */
package dev.brook.core.sse;
