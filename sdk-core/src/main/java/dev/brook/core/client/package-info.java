/**
 * The Brook client and the request model: {@link dev.brook.core.client.Brook} (built with
 * {@link dev.brook.core.client.Brook#builder()} or {@link dev.brook.core.client.Brook#fromEnv()}) opens
 * {@link dev.brook.core.client.Messages}, which sends a {@link dev.brook.core.client.MessageRequest} and
 * streams the reply as a blocking {@link dev.brook.core.client.MessageStream} or an
 * {@link dev.brook.core.client.AsyncMessageStream} with a {@link dev.brook.core.client.StreamListener}.
 * Requests are built from {@link dev.brook.core.client.MessageParam}s holding
 * {@link dev.brook.core.client.RequestContent} blocks, plus tools, tool choice, thinking and cache
 * settings; {@link dev.brook.core.client.RequestOptions} sets headers, betas, timeouts and retries for
 * one call.
 *
 * <p>The client, requests and their parts are immutable and thread-safe; builders are not, and a
 * {@code MessageStream} is read from one thread. All types are non-null by default; absence is
 * {@link java.util.Optional}.
 */
package dev.brook.core.client;
