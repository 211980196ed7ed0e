/**
 * The request model: a {@link dev.brook.core.request.MessageRequest} holds the model, the
 * {@link dev.brook.core.request.MessageParam}s of the conversation with their
 * {@link dev.brook.core.request.RequestContent} blocks (text, images, documents, tool uses and results,
 * thinking), the {@link dev.brook.core.request.Tool}s (custom, Anthropic-defined such as web search and
 * code execution, or raw) with a {@link dev.brook.core.request.ToolChoice},
 * {@link dev.brook.core.request.ThinkingConfig}, {@link dev.brook.core.request.CacheControl},
 * {@link dev.brook.core.request.Metadata}, {@link dev.brook.core.request.McpServer}s,
 * {@link dev.brook.core.request.ServiceTier} and {@link dev.brook.core.request.ContextManagement}. It is sent by the client ({@link dev.brook.core.client}) and
 * knows nothing of how.
 *
 * <p>Requests and their parts are immutable and thread-safe values; builders are not thread-safe. All
 * types are non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.core.request;
