package dev.brook.tck;

import dev.brook.testkit.FakeMessagesServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;

/**
 * A TCK publisher verification as the kit runs it: one instance per rule, with its own {@link
 * TestEnvironment} (so an asynchronous error of one rule never shows up in the next) and its own
 * server on 127.0.0.1, closing everything it opened for the rule when the rule ends.
 *
 * @param <T> the element type of the publisher under test
 */
abstract class KitPublisherVerification<T> extends FlowPublisherVerification<T> implements AutoCloseable {
    /**
     * How long the server waits for each permit before it gives up on the client and closes the
     * connection mid-body: longer than any wait of the TCK, so only a client that stopped reading for good
     * meets it (and a rule that ends closes its exchanges long before).
     */
    static final Duration MAX_WAIT_EACH_ELEMENT = Duration.ofSeconds(30);

    /** The server this rule's publishers stream from; closed last. */
    final FakeMessagesServer server;
    /** The TCK's timeouts for this rule. */
    final TestEnvironment env;
    /** Closed in reverse order of opening when the rule ends; touched by the rule's thread only. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /**
     * @param env this rule's environment
     * @param referenceGcMillis how long Rule 3.13 waits after a cancel before it checks that the publisher
     *     let go of the subscriber
     * @param protocol what this rule's server speaks
     */
    KitPublisherVerification(TestEnvironment env, long referenceGcMillis, KitProtocol protocol) {
        super(env, referenceGcMillis);
        this.env = env;
        this.server = opened(protocol.newServer().start());
    }

    /** Registers {@code resource} to be closed when the rule ends, and returns it. */
    final <C extends AutoCloseable> C opened(C resource) {
        opened.push(resource);
        return resource;
    }

    /**
     * Closes every response, stream, client and server this rule opened, newest first, also when the
     * rule failed; the first failure to close is thrown once all were tried.
     */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        for (AutoCloseable resource; (resource = opened.poll()) != null; ) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
