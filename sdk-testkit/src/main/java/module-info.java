/**
 * Brook's testkit: a scripted loopback Messages API server, with faults, recorded requests and TLS, over
 * HTTP/1.1 or HTTP/2, for testing Brook transports and the applications built on Brook; and Amazon
 * Bedrock's side of a call ({@link dev.brook.testkit.BedrockResponses}, {@link dev.brook.testkit.EventStreamFrames},
 * and {@link dev.brook.testkit.BedrockSignatureCheck}, which alone needs AWS's {@code http-auth-aws} on the
 * path: an optional dependency, so users who do not test Bedrock get no AWS jars).
 */
@SuppressWarnings("requires-automatic")
module brook.testkit {
    // The Bedrock fakes write and read JSON with core's JsonValue (brook-core is already a dependency).
    requires brook.core;
    // The HTTP/2 mode runs on Netty; its jars are named modules (the descriptors of Netty 4.2).
    requires io.netty.buffer;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.common;
    requires io.netty.handler;
    requires io.netty.transport;
    // BedrockSignatureCheck alone uses AWS's signer, an optional dependency: needed at compile time, and at
    // run time only by those who check Bedrock signatures (and have it through brook-bedrock). The AWS jars
    // are automatic modules, named by their manifests' Automatic-Module-Name.
    requires static software.amazon.awssdk.http.auth.aws;
    requires static software.amazon.awssdk.http.auth.spi;
    requires static software.amazon.awssdk.identity.spi;
    requires static software.amazon.awssdk.http;

    exports dev.brook.testkit;
}
