/**
 * The seam between Brook's core and an HTTP stack. A transport module implements
 * {@link dev.brook.core.transport.Transport} and registers a
 * {@link dev.brook.core.transport.TransportProvider} for discovery; the core hands it a
 * {@link dev.brook.core.transport.TransportRequest} and a
 * {@link dev.brook.core.transport.TransportExchange}, and gets back a
 * {@link dev.brook.core.transport.TransportResponse} at the headers, with the body unread. A transport
 * only moves bytes: SSE, JSON, retries and every timeout live in the core.
 *
 * <p>The rest are helpers so that each transport need not write them again:
 * {@link dev.brook.core.transport.PushedBodyPublisher} (with
 * {@link dev.brook.core.transport.EventLoopStack} and {@link dev.brook.core.transport.SubscriptionStack})
 * for stacks that push buffers, {@link dev.brook.core.transport.SecondSubscriber} for publishers read
 * once, and {@link dev.brook.core.transport.DaemonThreads} for the threads of a transport's own client.
 * All types are non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.core.transport;
