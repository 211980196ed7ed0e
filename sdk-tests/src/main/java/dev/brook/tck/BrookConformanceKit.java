package dev.brook.tck;

/**
 * The whole conformance kit for one transport. Extend it in your transport's tests and return a new
 * transport from {@link #newTransport()}:
 *
 * <pre>{@code
 * class MyTransportConformanceTest extends BrookConformanceKit {
 *     @Override
 *     public Transport newTransport() {
 *         return MyTransport.of(myConfiguredClient);
 *     }
 *
 *     @Override
 *     public Set<TransportCapability> capabilities() {
 *         return EnumSet.of(TransportCapability.NATIVE_ASYNC); // or none
 *     }
 * }
 * }</pre>
 *
 * <p>Every suite runs against real HTTP servers on 127.0.0.1 ({@code FakeMessagesServer}), with the
 * shared conformance data this jar carries.
 */
public abstract class BrookConformanceKit
        implements SseCaseSuite, FixtureSuite, ErrorStatusSuite, RequestHeaderSuite, LatencySuite, SecretRedactionSuite,
        CancellationSuite, FaultSuite, AsyncSuite, TlsSuite, TimeoutSuite, CallIdentitySuite, AsyncStressSuite,
        ReactiveStreamsSuite, EndpointSuite, CallListenerSuite {
    /** For subclasses, which supply the transport and its capabilities. */
    public BrookConformanceKit() {
    }
}
