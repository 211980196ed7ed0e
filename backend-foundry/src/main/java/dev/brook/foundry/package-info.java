/**
 * The Microsoft Foundry backend of Brook: {@link dev.brook.foundry.FoundryBackend}, set on a client with
 * {@code Brook.builder().backend(FoundryBackend.builder().fromEnv().build())}.
 *
 * <p>Foundry serves the Messages API unchanged under {@code https://{resource}.services.ai.azure.com/anthropic};
 * only the authentication differs from the direct API. Message Batches and Models are not served. All types
 * are non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.foundry;
