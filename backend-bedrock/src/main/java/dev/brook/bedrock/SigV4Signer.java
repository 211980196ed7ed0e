package dev.brook.bedrock;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs one Bedrock request with AWS's own SigV4 signer, for service {@code bedrock} in a given region.
 * The scope never comes from the host, so a signature stays valid behind a VPC endpoint or a proxy URL.
 * Thread-safe.
 */
final class SigV4Signer {
    /** The signing name of Bedrock's runtime API (its hosts are {@code bedrock-runtime.*}). */
    static final String SERVICE = "bedrock";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final String region;

    SigV4Signer(String region) {
        this.region = region;
    }

    /**
     * The headers of {@code headers} plus those the signature adds ({@code Authorization},
     * {@code X-Amz-Date}, {@code X-Amz-Security-Token} for session credentials), without {@code Host}:
     * the signer adds it from the URI, and each HTTP stack writes the same {@code host[:port]} itself.
     *
     * @param uri the request URI exactly as the transport sends it: its raw path is what is signed
     */
    Map<String, List<String>> sign(String method, URI uri, Map<String, List<String>> headers, byte[] body,
            AwsCredentialsIdentity credentials) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, SERVICE));
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(signed.request().headers());
        out.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).equals("host"));
        return out;
    }
}
