/**
 * Reactor types for Brook: {@link dev.brook.reactor.BrookReactor} gives a cold {@code Flux} of
 * {@link dev.brook.core.event.StreamEvent}s or of text deltas, and a {@code Mono} of the final
 * {@link dev.brook.core.event.Message}, over {@link dev.brook.core.client.Messages#streamAsync(
 * dev.brook.core.request.MessageRequest, dev.brook.core.client.RequestOptions)}.
 *
 * <p>All types are non-null by default.
 */
package dev.brook.reactor;
