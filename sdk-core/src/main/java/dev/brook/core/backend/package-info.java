/**
 * The seam between Brook's core and the endpoint a call goes to: the direct Anthropic API
 * ({@link dev.brook.core.backend.AnthropicBackend}, the default) or Claude behind a cloud (the
 * {@code brook-bedrock}, {@code brook-vertex} and {@code brook-foundry} modules).
 *
 * <p>A {@link dev.brook.core.backend.Backend} turns each attempt of a call, described in the direct API's
 * terms as an {@link dev.brook.core.backend.ApiRequest}, into the HTTP request to send (URL, body shape,
 * authentication, including signatures over the body), and says how a streamed reply is framed
 * ({@link dev.brook.core.backend.ResponseFraming}: SSE, or a cloud's own frames yielding the same JSON
 * events). Everything else (event parsing, accumulation, errors, retries, timeouts, every transport) is
 * the core's and is the same behind every backend.
 * All types are non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.core.backend;
