package dev.brook.testkit;

import java.util.Optional;

/**
 * What a {@link FakeMessagesServer} checks in each request before answering it, as an endpoint checks
 * credentials, signatures and paths (see {@link FakeMessagesServer#checkRequests}). Implementations must
 * be thread-safe: the server calls them from its connection threads.
 */
@FunctionalInterface
public interface RequestCheck {
    /**
     * The response that refuses {@code request}, or empty to let it take its scripted response.
     *
     * @param request the request as received
     * @return the refusal, such as a 403 naming what is wrong; empty when the request passes
     */
    Optional<ScriptedResponse> refusal(RecordedRequest request);
}
