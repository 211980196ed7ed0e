package dev.brook.core.client;

import java.util.Objects;

/**
 * Which call a {@link CallListener} callback is about: what the caller asked for, fixed when the call
 * starts. Immutable.
 *
 * @param id unique among the calls of this JVM, increasing in start order; tells concurrent calls apart
 * @param model the requested model, as sent ({@code claude-opus-4-6})
 * @param streaming whether the reply streams ({@code stream}, {@code streamAsync}) or comes whole
 *     ({@code create})
 * @param maxTokens the request's {@code max_tokens}
 * @param transport the name of the transport that carries the call ({@code jdk}, {@code okhttp}, …)
 * @param serverAddress the host the call goes to ({@code api.anthropic.com})
 * @param serverPort the port the call goes to ({@code 443})
 */
public record CallInfo(long id, String model, boolean streaming, int maxTokens, String transport,
        String serverAddress, int serverPort) {
    /**
     * Checks the parts.
     *
     * @param id unique among the calls of this JVM
     * @param model the requested model
     * @param streaming whether the reply streams
     * @param maxTokens the request's {@code max_tokens}
     * @param transport the transport's name
     * @param serverAddress the host the call goes to
     * @param serverPort the port the call goes to
     * @throws NullPointerException if {@code model}, {@code transport} or {@code serverAddress} is null
     */
    public CallInfo {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(serverAddress, "serverAddress");
    }
}
