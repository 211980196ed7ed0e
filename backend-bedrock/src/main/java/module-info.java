/**
 * Claude on Amazon Bedrock through Brook: {@link dev.brook.bedrock.BedrockBackend} sends Messages calls to
 * Bedrock's {@code invoke-with-response-stream} and {@code invoke} operations, signed with SigV4 by AWS's
 * own signer (or carrying a Bedrock API key), and decodes the AWS event-stream frames of a streamed reply
 * into the Messages API's events. Set it with {@code Brook.builder().backend(BedrockBackend.fromEnv())}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module brook.bedrock {
    requires transitive brook.core;
    // The AWS jars have no module descriptor: they are automatic modules, named by the
    // Automatic-Module-Name entries of their manifests (stable names, not ones derived from file names),
    // hence the warnings suppressed above. AwsCredentialsProvider is in the public API (the builder takes
    // one), so the auth module and the identity SPI it extends are passed on.
    requires transitive software.amazon.awssdk.auth;
    requires transitive software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.http.auth.aws;
    requires software.amazon.awssdk.http.auth.spi;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.regions;
    requires software.amazon.eventstream;

    exports dev.brook.bedrock;
}
