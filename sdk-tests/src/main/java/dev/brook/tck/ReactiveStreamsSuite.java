package dev.brook.tck;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.transport.DaemonThreads;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The Reactive Streams TCK ({@code reactive-streams-tck-flow} 1.0.4), publisher rules, against the two
 * publishers a transport is part of, over real exchanges with a server on 127.0.0.1: the transport's own
 * body publisher ({@link TransportResponse#bodyPublisher()}), and the events of a message stream ({@link
 * AsyncMessageStream#events()}) on the transport, through the core. Each rule is a test of its own,
 * named as the TCK names it; the rules that cannot apply are reported as aborted, each with its reason
 * (see {@link BodyPublisherVerification#NOT_APPLICABLE} and {@link
 * EventPublisherVerification#NOT_APPLICABLE}).
 */
public interface ReactiveStreamsSuite extends TransportSuite {

    /**
     * The publisher rules against the transport's body publisher. A transport whose bodies are a
     * blocking {@code InputStream} has none: every rule is then reported as aborted with that reason
     * (rule by rule rather than the factory as a whole, which test reports would not show), and its
     * async path is covered by {@link #messageStreamEventsFollowTheReactiveStreamsRules()}.
     *
     * @return one dynamic test per publisher rule
     */
    @TestFactory
    default Stream<DynamicTest> transportBodyPublisherFollowsTheReactiveStreamsRules() {
        Transport transport = newTransport();
        ExecutorService blocking = Executors.newCachedThreadPool(new DaemonThreads("brook-tck-blocking-exchange"));
        Runnable closeAll = () -> {
            try {
                transport.close();
            } finally {
                blocking.shutdownNow();
            }
        };
        boolean inputStream;
        try {
            inputStream = BodyPublisherVerification.bodyIsInputStream(transport, blocking,
                    PublisherRuleTests.DEFAULT_TIMEOUT_MILLIS, protocol());
        } catch (RuntimeException | Error e) {
            closeAll.run();
            throw e;
        }
        if (inputStream) {
            closeAll.run();
            return PublisherRuleTests.of((env, referenceGcMillis) -> {
                throw new AssertionError("no rule runs against a transport without a body publisher");
            }, NotApplicableRules.every(BodyPublisherVerification.INPUT_STREAM_BODY));
        }
        return PublisherRuleTests.of(
                        (env, referenceGcMillis) -> new BodyPublisherVerification(env, referenceGcMillis, transport, blocking,
                                protocol()),
                        BodyPublisherVerification.NOT_APPLICABLE)
                .onClose(closeAll);
    }

    /**
     * The publisher rules against {@link AsyncMessageStream#events()} of streams on this transport: for
     * every transport, natively asynchronous or bridged from an {@code InputStream} by the core.
     *
     * @return one dynamic test per publisher rule
     */
    @TestFactory
    default Stream<DynamicTest> messageStreamEventsFollowTheReactiveStreamsRules() {
        Transport transport = newTransport();
        return PublisherRuleTests.of(
                        (env, referenceGcMillis) -> new EventPublisherVerification(env, referenceGcMillis, transport, protocol()),
                        EventPublisherVerification.NOT_APPLICABLE)
                .onClose(transport::close);
    }
}
