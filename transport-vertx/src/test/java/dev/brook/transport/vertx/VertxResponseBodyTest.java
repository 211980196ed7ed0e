package dev.brook.transport.vertx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.transport.EventLoopStack;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The stack adapter alone, over a recording stand-in for the response and the request: where pause and
 * resume run, and that a pause hopping from another thread cannot undo a later resume.
 */
class VertxResponseBodyTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    /** "pause", "resume" or "reset", each with whether it ran on the context. */
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final EventLoopStack stack = VertxResponseBody.stack(context, recording(HttpClientRequest.class),
            recording(HttpClientResponse.class));

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void pauseOnTheContextTakesEffectBeforeItReturns() throws Exception {
        CompletableFuture<List<String>> seen = new CompletableFuture<>();
        context.runOnContext(v -> {
            stack.pause();
            seen.complete(List.copyOf(calls));
        });
        assertThat(seen.get(10, TimeUnit.SECONDS)).containsExactly("pause on context");
    }

    @Test
    void resumeOffTheContextHopsOntoIt() throws Exception {
        stack.resume();
        awaitCalls(1);
        assertThat(calls).containsExactly("resume on context");
    }

    @Test
    void aPauseHoppingFromAnotherThreadDoesNotUndoALaterResumeOnTheContext() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch paused = new CountDownLatch(1);
        context.runOnContext(v -> {
            running.countDown();
            try {
                paused.await(10, TimeUnit.SECONDS); // holds the event loop: the pause below queues behind us
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stack.resume(); // on the context: applied at once, before the queued pause runs
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        stack.pause(); // the publisher's order: this pause, then that resume
        paused.countDown();
        awaitCalls(2);
        assertThat(calls).as("the last state applied is the last one asked for").last().isEqualTo("resume on context");
    }

    @Test
    void abortResetsTheRequest() {
        stack.abort();
        assertThat(calls).hasSize(1).first().asString().startsWith("reset");
    }

    private void awaitCalls(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(50); // and nothing more comes
    }

    private <T> T recording(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("fetch") && args[0].equals(Long.MAX_VALUE)) {
                name = "resume"; // resume() may be a default method calling fetch(Long.MAX_VALUE)
            }
            if (name.equals("pause") || name.equals("resume") || name.equals("reset")) {
                calls.add(name + (Vertx.currentContext() == context ? " on context" : " off context"));
            }
            return method.getReturnType() == type ? proxy : null;
        }));
    }
}
