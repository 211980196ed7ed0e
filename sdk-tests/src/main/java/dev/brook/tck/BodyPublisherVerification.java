package dev.brook.tck;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.tck.TestEnvironment;

/**
 * The TCK's publisher rules against {@link TransportResponse#bodyPublisher()} of real exchanges: each
 * publisher of n elements is the body of one {@code POST /v1/messages} to this rule's server, sent with
 * {@link Transport#executeAsync}, whose body is n chunks of 16 bytes, each sent once
 * the publisher delivered the one before (see {@link DeliveryGate}), so that every chunk is one buffer.
 */
final class BodyPublisherVerification extends KitPublisherVerification<ByteBuffer> {
    /** One element: a small chunk, so that no stack has a reason to split it. */
    private static final byte[] ELEMENT = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** Why no rule applies to a transport whose body is an {@code InputStream}. */
    static final String INPUT_STREAM_BODY = "this transport's body is a blocking InputStream"
            + " (TransportResponse.bodyStream()), not a Flow.Publisher, so it has no body publisher to verify; its async"
            + " path goes through the core's InputStream bridge, which messageStreamEventsFollowTheReactiveStreamsRules"
            + " verifies on this transport";

    /** Why the error-state rules do not run against a transport's body. */
    static final String NO_FAILED_BODY = "createFailedFlowPublisher() is null for a transport's body: a body finds"
            + " out that it broke only by reading, and it reads only on demand (that is its backpressure: a stack may"
            + " read nothing until asked), while these rules expect onError"
            + " without any request, so the kit cannot make every transport's body fail without demand (a body that"
            + " breaks while read is FaultSuite's; PushedBodyPublisher, the core's building block for push-style"
            + " stacks, passes these rules in sdk-core's own TCK test, whose simulated stack it can fail directly)";

    /** The rules left out for a transport's body, with their reasons. */
    static final NotApplicableRules NOT_APPLICABLE = NotApplicableRules.forEveryResponseBody()
            .with(NO_FAILED_BODY,
                    "optional_spec104_mustSignalOnErrorWhenFails",
                    "required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe");

    private static final byte[] REQUEST_BODY = ("{\"model\":\"claude-tck\",\"max_tokens\":256,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story.\"}]}").getBytes(StandardCharsets.UTF_8);

    private final Transport transport;
    private final Executor blockingExecutor;

    /**
     * @param transport the transport under test, shared by the rules; not closed here
     * @param blockingExecutor what a blocking stack's {@code executeAsync} may wait on
     * @param protocol what the rule's server speaks
     */
    BodyPublisherVerification(TestEnvironment env, long referenceGcMillis, Transport transport, Executor blockingExecutor,
            KitProtocol protocol) {
        super(env, referenceGcMillis, protocol);
        this.transport = transport;
        this.blockingExecutor = blockingExecutor;
    }

    @Override
    public Flow.Publisher<ByteBuffer> createFlowPublisher(long elements) {
        Semaphore permits = new Semaphore(1); // the first element goes at once, each next one once the last arrived
        server.enqueue(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunksOnPermits(ELEMENT, elements, permits, MAX_WAIT_EACH_ELEMENT)
                .build());
        TransportResponse response = exchange(transport, blockingExecutor, server, env.defaultTimeoutMillis());
        opened(response);
        Flow.Publisher<ByteBuffer> body = response.bodyPublisher().orElseThrow(() -> new AssertionError(
                "the transport's body is an InputStream in one exchange and a publisher in another: " + response));
        return new DeliveryGate<>(body, permits);
    }

    /**
     * None: see {@link #NO_FAILED_BODY}. Returning null is how the TCK is told; the kit lists the two rules
     * that need it as not applicable instead of running them into the TCK's skip.
     */
    @Override
    public Flow.Publisher<ByteBuffer> createFailedFlowPublisher() {
        return null;
    }

    /**
     * Whether {@code transport} gives its bodies as a blocking {@code InputStream} (then it has no body
     * publisher to verify), found out from one real exchange with an empty body.
     */
    static boolean bodyIsInputStream(Transport transport, Executor blockingExecutor, long timeoutMillis,
            KitProtocol protocol) {
        try (FakeMessagesServer probe = protocol.newServer().start()) {
            probe.enqueue(ScriptedResponse.builder().header("content-type", "text/event-stream").build());
            try (TransportResponse response = exchange(transport, blockingExecutor, probe, timeoutMillis)) {
                return response.bodyStream().isPresent();
            }
        }
    }

    /** Sends one request to {@code server} and waits for a 200's headers, as the core's async path does. */
    private static TransportResponse exchange(Transport transport, Executor blockingExecutor, FakeMessagesServer server,
            long timeoutMillis) {
        TransportRequest request = TransportRequest.of("POST", server.url("/v1/messages"), TransportHeaders.builder()
                .add("content-type", "application/json")
                .add("accept", "text/event-stream")
                .build(), REQUEST_BODY);
        TransportExchange exchange = TransportExchange.create();
        CompletableFuture<TransportResponse> headers = transport.executeAsync(request, exchange, blockingExecutor);
        TransportResponse response;
        try {
            response = headers.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.abort();
            headers.thenAccept(TransportResponse::close); // a response that still comes is nobody's
            throw new AssertionError("no response headers within " + timeoutMillis + " ms from " + request, e);
        } catch (ExecutionException e) {
            throw new AssertionError("the exchange failed: " + request, e.getCause());
        } catch (InterruptedException e) {
            exchange.abort();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the response headers", e);
        }
        if (response.statusCode() != 200) {
            response.close();
            throw new AssertionError("expected status 200 from the kit's server, got " + response);
        }
        return response;
    }
}
