package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.BrookException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Records the callbacks of the calls it makes listeners for, as {@code name:detail}. */
final class RecordingCallListener implements CallListener.Factory {
    /**
     * The grammar of one call's callbacks: attempts numbered from 1, response headers only after an
     * attempt, the first event only after a 2xx's headers, exactly one terminal callback, call end last.
     */
    static final Pattern ORDER = Pattern.compile("callStart requestHeaders attemptStart:1( responseHeaders:\\d{3})?"
            + "( retryScheduled:\\w+ attemptStart:\\d+( responseHeaders:\\d{3})?)*"
            + "( firstEvent:\\w+( firstToken:\\w+)?)? (streamEnd:\\w+|callFailed:\\w+) callEnd");

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<CallInfo> calls = Collections.synchronizedList(new ArrayList<>());
    final List<Optional<String>> requestIds = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch ended = new CountDownLatch(1);
    volatile Message finalMessage;
    volatile Throwable failure;

    @Override
    public CallListener create(CallInfo created) {
        calls.add(created);
        return new CallListener() {
            private void add(CallInfo call, String entry) {
                assertThat(call).as("the call named in %s", entry).isSameAs(created);
                log.add(entry);
            }

            @Override
            public void callStart(CallInfo call) {
                add(call, "callStart");
            }

            @Override
            public Map<String, String> requestHeaders(CallInfo call) {
                add(call, "requestHeaders");
                return Map.of("x-tck-listener", "on");
            }

            @Override
            public void attemptStart(CallInfo call, int attempt) {
                add(call, "attemptStart:" + attempt);
            }

            @Override
            public void responseHeaders(CallInfo call, int statusCode, Optional<String> requestId) {
                add(call, "responseHeaders:" + statusCode);
                requestIds.add(requestId);
            }

            @Override
            public void retryScheduled(CallInfo call, BrookException cause, Duration delay) {
                add(call, "retryScheduled:" + cause.getClass().getSimpleName());
            }

            @Override
            public void firstEvent(CallInfo call, StreamEvent event) {
                add(call, "firstEvent:" + event.getClass().getSimpleName());
            }

            @Override
            public void firstToken(CallInfo call, ContentBlockDeltaEvent delta) {
                add(call, "firstToken:" + delta.delta().getClass().getSimpleName());
            }

            @Override
            public void streamEnd(CallInfo call, Message message) {
                finalMessage = message;
                add(call, "streamEnd:" + message.stopReason().map(Object::toString).orElse("none"));
            }

            @Override
            public void callFailed(CallInfo call, Throwable error) {
                failure = error;
                add(call, "callFailed:" + error.getClass().getSimpleName());
            }

            @Override
            public void callEnd(CallInfo call) {
                add(call, "callEnd");
                ended.countDown();
            }
        };
    }

    /** The log once {@code callEnd} has come (at once for sync calls; async ones may end on another thread). */
    List<String> awaitEnd() throws InterruptedException {
        assertThat(ended.await(Tck.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("callEnd within %s; log %s",
                Tck.TIMEOUT, log).isTrue();
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
