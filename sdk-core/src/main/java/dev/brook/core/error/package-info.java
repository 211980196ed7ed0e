/**
 * The exceptions Brook throws, all unchecked and rooted at {@link dev.brook.core.error.BrookException},
 * which carries what is known of the failed call: the message accumulated so far, the request id, the
 * number of attempts and whether the failure is retryable.
 *
 * <p>{@link dev.brook.core.error.ApiException} and its subclasses are error statuses answered before the
 * stream started, one class per common status; {@link dev.brook.core.error.StreamErrorException},
 * {@link dev.brook.core.error.IncompleteStreamException},
 * {@link dev.brook.core.error.StreamProtocolException},
 * {@link dev.brook.core.error.StreamTimeoutException} and
 * {@link dev.brook.core.error.ConnectionException} end a stream, and
 * {@link dev.brook.core.error.NoTransportException} says no transport could be found. All types are
 * non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.core.error;
