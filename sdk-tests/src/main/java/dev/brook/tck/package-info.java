/**
 * Brook's conformance kit (TCK) for transports: extend {@link dev.brook.tck.BrookConformanceKit} in a
 * transport's tests, return a new transport from {@link dev.brook.tck.TransportSuite#newTransport()} and
 * declare its {@link dev.brook.tck.TransportCapability}s, and every suite of this package runs against
 * it as JUnit 5 tests, over real HTTP servers on 127.0.0.1.
 *
 * <p>The suites ({@code *Suite} interfaces, one concern each) check what every transport must do: SSE
 * bytes and fixtures decoded exactly, error statuses typed, headers sent, latency, cancellation, faults,
 * timeouts, TLS, the async API and the Reactive Streams publisher rules. A suite that needs a capability
 * the transport does not declare is skipped with the reason. {@link dev.brook.tck.ConformanceData} reads
 * the shared cases and fixtures this jar carries, for tests that want them directly.
 */
package dev.brook.tck;
