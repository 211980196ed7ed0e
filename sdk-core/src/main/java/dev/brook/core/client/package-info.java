/**
 * The Brook client: {@link dev.brook.core.client.Brook} (built with
 * {@link dev.brook.core.client.Brook#builder()} or {@link dev.brook.core.client.Brook#fromEnv()}) opens
 * {@link dev.brook.core.client.Messages}, which sends a {@link dev.brook.core.request.MessageRequest} and
 * streams the reply as a blocking {@link dev.brook.core.client.MessageStream} or an
 * {@link dev.brook.core.client.AsyncMessageStream} with a {@link dev.brook.core.client.StreamListener};
 * {@link dev.brook.core.client.RequestOptions} sets headers, betas, timeouts and retries for one call.
 *
 * <p>The client is immutable and thread-safe; builders are not, and a {@code MessageStream} is read
 * from one thread. All types are non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.core.client;
