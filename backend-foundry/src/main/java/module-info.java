/**
 * Claude on Microsoft Foundry through Brook: {@link dev.brook.foundry.FoundryBackend} sends the Messages
 * API to a Foundry resource's Anthropic endpoint with its {@code api-key} or an Entra ID bearer token.
 */
module brook.foundry {
    requires transitive brook.core;

    exports dev.brook.foundry;
}
