/**
 * Brook's Vert.x 5 transport: {@link dev.brook.transport.vertx.VertxTransport}, registered for discovery
 * as {@code vertx} by {@link dev.brook.transport.vertx.VertxTransportProvider}.
 *
 * <h2>Why the core {@code HttpClient} and not {@code WebClient.send()}</h2>
 * A stream needs three things: the status and headers before the body, the body as it arrives with
 * backpressure, and an abort that drops the connection. The Web Client offers none of them together:
 * {@code WebClient.send()} buffers the whole body before it completes, and {@code BodyCodec.pipe(...)}
 * streams the body but completes, with the status, only once the body has ended. The core
 * {@link io.vertx.core.http.HttpClient} the Web Client is built on does all three:
 * {@code client.request(options)} then {@code request.send(body)} completes with an
 * {@link io.vertx.core.http.HttpClientResponse} at the headers; that response is a
 * {@link io.vertx.core.streams.ReadStream} that can be paused and resumed, which is all Brook's
 * {@link dev.brook.core.transport.PushedBodyPublisher} needs to honour a subscriber's demand: it pauses
 * the response when a buffer arrives that nobody asked for and resumes it on new demand, so a slow
 * subscriber stops socket reads (Vert.x's inbound queue is bounded, then the connection stops reading and
 * TCP pushes back on the server); and {@code request.reset()} closes an HTTP/1.x connection whose
 * response is still arriving.
 * So the transport takes a {@code Vertx} plus either client options (a {@code WebClientOptions} is an
 * {@link io.vertx.core.http.HttpClientOptions}) or a ready core client. A ready {@code WebClient} cannot be
 * used: its underlying client is not public API. Share one core client instead, with
 * {@code WebClient.wrap(httpClient)} on your side and {@code VertxTransport.of(vertx, httpClient)} on
 * Brook's.
 *
 * <h2>Threads</h2>
 * Each exchange is set up in one task on a Vert.x context (the caller's, when it runs on one), and the
 * response and its body buffers arrive on that context's event-loop thread, in order. {@code Flow}
 * signals are sent one at a time, usually there too; a subscriber's {@code request(n)} and
 * {@code cancel()} may come from any thread, and a request made off the context may be answered on the
 * requesting thread with buffers already received. Pausing and resuming the response always runs on its
 * context. Nothing in this package ever blocks an event-loop thread: the blocking paths (a sync
 * {@code MessageStream}, {@code Transport.execute}) fail at once there with an
 * {@link java.lang.IllegalStateException}; run them on a worker ({@code vertx.executeBlocking(...)}).
 *
 * <h2>Timeouts</h2>
 * Brook's core times every exchange itself (connect, idle, total), whatever client is used; the
 * transport reports when the connection is up and resets the request when the core aborts it. A transport
 * created by discovery sets Vert.x timeouts only as looser backstops: a TCP connect timeout and a
 * per-request idle timeout that Vert.x cancels once the headers arrive. No connection-level idle timeout
 * is set, since it would also fire while the socket is paused for a slow reader. Vert.x's own timeouts
 * reach the core as {@link java.net.SocketTimeoutException}s.
 */
package dev.brook.transport.vertx;
