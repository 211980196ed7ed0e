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
 * shared conformance data this jar carries. Over HTTP/1.1 by default; to run the whole kit again over
 * HTTP/2, extend it once more with {@link TransportSuite#protocol()} returning an HTTP/2 {@link
 * KitProtocol} and {@code newTransport()} returning a transport configured for it (then {@link Http2Suite}
 * runs too):
 *
 * <pre>{@code
 * class MyTransportHttp2ConformanceTest extends BrookConformanceKit {
 *     @Override
 *     public KitProtocol protocol() {
 *         return KitProtocol.HTTP_2_CLEARTEXT;
 *     }
 *
 *     @Override
 *     public Transport newTransport() {
 *         return MyTransport.of(myClientSpeakingH2cByPriorKnowledge);
 *     }
 *     ...
 * }
 * }</pre>
 */
public abstract class BrookConformanceKit
        implements SseCaseSuite, FixtureSuite, ErrorStatusSuite, RequestHeaderSuite, LatencySuite, SecretRedactionSuite,
        CancellationSuite, FaultSuite, AsyncSuite, TlsSuite, TimeoutSuite, CallIdentitySuite, AsyncStressSuite,
        ReactiveStreamsSuite, EndpointSuite, CallListenerSuite, Http2Suite {
    /** For subclasses, which supply the transport and its capabilities. */
    public BrookConformanceKit() {
    }
}
