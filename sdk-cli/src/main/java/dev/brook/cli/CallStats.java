package dev.brook.cli;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.error.BrookException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code brook --stats} prints after the reply: time to first token, output tokens per second after
 * it, the request id and the attempts, taken from the call's lifecycle through a {@link CallListener}.
 * One per command run: the CLI makes one sync call, whose callbacks all run on the command's thread.
 */
final class CallStats implements CallListener, CallListener.Factory {
    private long startNanos;
    private long firstTokenNanos = -1;
    private long endNanos = -1;
    private int attempts;
    private String requestId;
    private Long outputTokens;

    @Override
    public CallListener create(CallInfo call) {
        return this;
    }

    @Override
    public void callStart(CallInfo call) {
        startNanos = System.nanoTime();
    }

    @Override
    public void attemptStart(CallInfo call, int attempt) {
        attempts = attempt;
    }

    @Override
    public void responseHeaders(CallInfo call, int statusCode, Optional<String> id) {
        requestId = id.orElse(null);
    }

    @Override
    public void firstToken(CallInfo call, ContentBlockDeltaEvent delta) {
        firstTokenNanos = System.nanoTime();
    }

    @Override
    public void streamEnd(CallInfo call, Message message) {
        outputTokens = message.usage().outputTokens();
    }

    @Override
    public void callFailed(CallInfo call, Throwable error) {
        if (error instanceof BrookException e) {
            outputTokens = e.snapshot().map(m -> m.usage().outputTokens()).orElse(null);
        }
    }

    @Override
    public void callEnd(CallInfo call) {
        endNanos = System.nanoTime();
    }

    /** {@return the stats as one line, or a line saying none were taken when no call ended} */
    String line() {
        if (endNanos < 0) {
            return "brook: stats: the call did not start";
        }
        StringBuilder b = new StringBuilder("brook: stats: time to first token ");
        if (firstTokenNanos < 0) {
            b.append("none (no content)");
        } else {
            b.append(millis(firstTokenNanos - startNanos)).append(" ms");
        }
        b.append(", ");
        double generating = (endNanos - Math.max(firstTokenNanos, startNanos)) / 1e9;
        if (outputTokens == null) {
            b.append("output tokens unknown");
        } else if (firstTokenNanos < 0 || generating <= 0) {
            b.append(outputTokens).append(" output tokens");
        } else {
            b.append(String.format(Locale.ROOT, "%.1f tokens/s (%d output tokens in %.2f s after the first)",
                    outputTokens / generating, outputTokens, generating));
        }
        b.append(", request id ").append(requestId == null ? "none" : requestId);
        b.append(", ").append(attempts).append(attempts == 1 ? " attempt" : " attempts");
        return b.toString();
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
