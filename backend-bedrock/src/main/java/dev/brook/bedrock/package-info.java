/**
 * The Amazon Bedrock backend: {@link dev.brook.bedrock.BedrockBackend}. Streams go to
 * {@code POST /model/{modelId}/invoke-with-response-stream} and come back as AWS event-stream frames
 * ({@code application/vnd.amazon.eventstream}, CRC-checked) whose {@code chunk} events carry the
 * Messages API's JSON events in base64; {@code create} goes to {@code POST /model/{modelId}/invoke}.
 * Requests are signed with SigV4 by AWS's {@code AwsV4HttpSigner} (service {@code bedrock}) or carry a
 * Bedrock API key as a bearer token. Only the Messages endpoint is served: token counting, batches and
 * models are the direct API's.
 * All types are non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.bedrock;
