package dev.brook.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The exchange's response future: what an asynchronous transport relies on instead of guarding races itself. */
class TransportExchangeTest {
    private final TransportExchange exchange = TransportExchange.create();

    @Test
    void aResponseDeliveredBeforeAnyAbortIsTheFuturesValue() {
        TransportResponse response = response(new AtomicBoolean());
        assertThat(exchange.respond(response)).isTrue();
        assertThat(exchange.response().join()).isSameAs(response);
    }

    @Test
    void anAbortFailsTheFutureBeforeItsActionRunsAndALateResponseIsClosed() {
        AtomicBoolean futureFailedFirst = new AtomicBoolean();
        exchange.onAbort(() -> futureFailedFirst.set(exchange.response().isCompletedExceptionally()));
        exchange.abort();
        assertThat(futureFailedFirst).isTrue();
        assertThatThrownBy(() -> exchange.response().join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class);

        AtomicBoolean aborted = new AtomicBoolean();
        TransportResponse late = response(aborted);
        assertThat(exchange.respond(late)).isFalse();
        assertThat(late.isClosed()).isTrue();
        assertThat(aborted).as("the late body was aborted, not read").isTrue();
    }

    @Test
    void cancellingTheFutureAbortsTheExchange() {
        AtomicInteger aborts = new AtomicInteger();
        exchange.onAbort(aborts::incrementAndGet);
        exchange.response().cancel(true);
        assertThat(exchange.isAborted()).isTrue();
        assertThat(aborts).hasValue(1);
    }

    @Test
    void aFailureAfterTheResponseIsIgnored() {
        exchange.respond(response(new AtomicBoolean()));
        assertThat(exchange.fail(new IOException("late"))).isFalse();
    }

    @Test
    void awaitHeadersRethrowsTheStacksIoExceptionAsItIs() {
        IOException refused = new IOException("refused");
        exchange.fail(refused);
        assertThatThrownBy(() -> exchange.awaitHeaders(exchange.response())).isSameAs(refused);
    }

    @Test
    void anInterruptedWaitAbortsTheExchangeAndKeepsTheInterrupt() {
        AtomicInteger aborts = new AtomicInteger();
        exchange.onAbort(aborts::incrementAndGet);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> exchange.awaitHeaders(new CompletableFuture<>()))
                    .isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(aborts).hasValue(1);
    }

    private static TransportResponse response(AtomicBoolean aborted) {
        return TransportResponse.ofInputStream(200, TransportHeaders.empty(), InputStream.nullInputStream(),
                () -> aborted.set(true));
    }
}
