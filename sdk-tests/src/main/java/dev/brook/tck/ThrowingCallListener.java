package dev.brook.tck;

import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Message;
import dev.brook.core.event.StreamEvent;
import java.util.Map;
import java.util.Optional;

/** Throws from every callback. */
final class ThrowingCallListener implements CallListener {
    private static RuntimeException boom() {
        return new IllegalStateException("a listener bug, thrown on purpose by the TCK");
    }

    @Override
    public void callStart(CallInfo call) {
        throw boom();
    }

    @Override
    public Map<String, String> requestHeaders(CallInfo call) {
        throw boom();
    }

    @Override
    public void attemptStart(CallInfo call, int attempt) {
        throw boom();
    }

    @Override
    public void responseHeaders(CallInfo call, int statusCode, Optional<String> requestId) {
        throw boom();
    }

    @Override
    public void firstEvent(CallInfo call, StreamEvent event) {
        throw boom();
    }

    @Override
    public void firstToken(CallInfo call, ContentBlockDeltaEvent delta) {
        throw boom();
    }

    @Override
    public void streamEnd(CallInfo call, Message message) {
        throw boom();
    }

    @Override
    public void callFailed(CallInfo call, Throwable error) {
        throw boom();
    }

    @Override
    public void callEnd(CallInfo call) {
        throw boom();
    }

    @Override
    public Scope callbackScope(CallInfo call) {
        throw boom();
    }
}
