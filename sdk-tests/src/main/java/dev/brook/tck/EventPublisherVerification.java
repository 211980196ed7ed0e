package dev.brook.tck;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.ScriptedResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import org.reactivestreams.tck.TestEnvironment;

/**
 * The TCK's publisher rules against {@link AsyncMessageStream#events()} of real streams: Brook on the
 * transport under test, pointed at this rule's server. A publisher of n events is a reply of {@code
 * message_start}, n - 2 {@code ping}s and {@code message_stop} (the core passes pings on as {@link
 * StreamEvent}s). The pings are written as the events are delivered, one per permit (see {@link
 * DeliveryGate}): a stream of two billion events is never built up front, and an endless one
 * ({@link Long#MAX_VALUE}) just keeps going. Pacing is not needed for exact counts here, since events are
 * parsed from bytes however they are chunked; it only keeps the server from writing far ahead.
 *
 * <p>Transports with an {@code InputStream} body are verified here too: the core bridges their body to
 * a publisher.
 */
final class EventPublisherVerification extends KitPublisherVerification<StreamEvent> {
    private static final byte[] MESSAGE_START = Tck.MESSAGE_START.getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING = Tck.PING.getBytes(StandardCharsets.UTF_8);
    private static final byte[] MESSAGE_STOP = Tck.MESSAGE_STOP.getBytes(StandardCharsets.UTF_8);

    /** Why the rules that count a publisher of 0 or 1 elements do not apply. */
    static final String AT_LEAST_TWO_EVENTS = "no message stream has fewer than 2 events (message_start ..."
            + " message_stop), and this rule's TCK test needs a publisher of exactly 0 or 1 elements and counts them";

    /** The rules left out for a message stream's events, with their reasons. */
    static final NotApplicableRules NOT_APPLICABLE = NotApplicableRules.forEveryResponseBody()
            .with(AT_LEAST_TWO_EVENTS,
                    "required_createPublisher1MustProduceAStreamOfExactly1Element",
                    "required_spec107_mustNotEmitFurtherSignalsOnceOnCompleteHasBeenSignalled",
                    "optional_spec105_emptyStreamMustTerminateBySignallingOnComplete");

    private final Brook brook;

    /**
     * @param transport the transport under test, shared by the rules; not closed here (Brook never closes it)
     * @param protocol what the rule's server speaks
     */
    EventPublisherVerification(TestEnvironment env, long referenceGcMillis, Transport transport, KitProtocol protocol) {
        super(env, referenceGcMillis, protocol);
        this.brook = opened(Tck.brook(transport, server).build());
    }

    /**
     * A stream of {@code elements} events. The rules that ask for fewer than 2 and count them are not
     * applicable (see {@link #AT_LEAST_TWO_EVENTS}); the others that ask for 0 or 1 never request an
     * element and only look at subscribing and cancelling (the spec109 {@code onSubscribe} and null
     * subscriber rules, spec307's repeated cancel), so they get the 2-event stream, which serves them as
     * well as a shorter one would.
     */
    @Override
    public Flow.Publisher<StreamEvent> createFlowPublisher(long elements) {
        long pings = elements == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(elements, 2) - 2;
        Semaphore permits = new Semaphore(0); // each ping once the event before it was delivered
        server.enqueue(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunk(MESSAGE_START)
                .chunksOnPermits(PING, pings, permits, MAX_WAIT_EACH_ELEMENT)
                .chunk(MESSAGE_STOP)
                .build());
        AsyncMessageStream stream = opened(brook.messages().streamAsync(Tck.request()));
        return new DeliveryGate<>(stream.events(), permits);
    }

    /**
     * A stream the API refuses with 400: the exchange fails before any event, which the stream reports
     * with {@code onError} whether or not anything was requested.
     */
    @Override
    public Flow.Publisher<StreamEvent> createFailedFlowPublisher() {
        server.enqueue(ScriptedResponse.json(400,
                "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"max_tokens: too large\"}}"));
        return opened(brook.messages().streamAsync(Tck.request())).events();
    }
}
