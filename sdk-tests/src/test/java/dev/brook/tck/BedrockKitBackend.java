package dev.brook.tck;

import dev.brook.bedrock.BedrockBackend;
import dev.brook.core.backend.Backend;
import dev.brook.testkit.BedrockResponses;
import dev.brook.testkit.BedrockSignatureCheck;
import dev.brook.testkit.EventStreamFrames;
import dev.brook.testkit.RequestCheck;
import dev.brook.testkit.ScriptedResponse;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Amazon Bedrock as the kit tests it: SigV4 with known temporary credentials, verified by AWS's signer
 * in the fake; replies in AWS event-stream frames; errors shaped as Bedrock's. Requests with a second
 * session token are refused as expired, as AWS refuses temporary credentials past their expiry.
 */
final class BedrockKitBackend implements KitBackend {
    private static final String REGION = "us-east-1";
    private static final String ACCESS_KEY_ID = "AKIDTCKEXAMPLE";
    private static final String SECRET = "tck-secret-access-key-0123456789";
    private static final String SESSION = "tck-session-token";
    private static final String EXPIRED_SESSION = "tck-expired-session-token";

    private final RequestCheck valid = BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, SESSION, REGION);
    private final RequestCheck expired = BedrockSignatureCheck.sigV4(ACCESS_KEY_ID, SECRET, EXPIRED_SESSION, REGION)
            .withExpiredSessionToken();

    @Override
    public String name() {
        return "bedrock";
    }

    @Override
    public Backend newBackend(URI baseUrl) {
        return backend(baseUrl, SESSION);
    }

    @Override
    public Optional<Backend> newBackendWithExpiredCredentials(URI baseUrl) {
        return Optional.of(backend(baseUrl, EXPIRED_SESSION));
    }

    private static Backend backend(URI baseUrl, String sessionToken) {
        return BedrockBackend.builder()
                .region(REGION)
                .baseUrl(baseUrl.toString())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(ACCESS_KEY_ID, SECRET, sessionToken)))
                .build();
    }

    @Override
    public Optional<RequestCheck> check() {
        return Optional.of(request -> request.header("x-amz-security-token").filter(EXPIRED_SESSION::equals).isPresent()
                ? expired.refusal(request)
                : valid.refusal(request));
    }

    @Override
    public ScriptedResponse stream(byte[] sse, int chunkSize) {
        List<byte[]> frames = EventStreamFrames.fromSse(sse);
        if (chunkSize == 0) {
            return BedrockResponses.frames(frames.toArray(new byte[0][]));
        }
        // The frames cut into pieces that ignore frame boundaries, as TCP may deliver them.
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        frames.forEach(all::writeBytes);
        byte[] bytes = all.toByteArray();
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += chunkSize) {
            pieces.add(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunkSize)));
        }
        return BedrockResponses.framesBuilder(pieces).build();
    }

    @Override
    public ScriptedResponse error(int status, String message) {
        String type = switch (status) {
            case 400 -> "ValidationException";
            case 429 -> "ThrottlingException";
            case 503 -> "ServiceUnavailableException";
            default -> "InternalServerException";
        };
        return BedrockResponses.error(status, type, message);
    }

    /** The frame after {@code message_start} (the text block's start) broken three ways. */
    @Override
    public Map<String, ScriptedResponse> corruptStreams(byte[] sse) {
        return Map.of(
                "wrong message CRC", withSecondFrame(sse, EventStreamFrames::withBadMessageCrc),
                "wrong prelude CRC", withSecondFrame(sse, EventStreamFrames::withBadPreludeCrc),
                "garbled headers", withSecondFrame(sse, frame -> {
                    byte[] garbled = frame.clone();
                    garbled[12] ^= (byte) 0x5a; // the first header's name length, covered by the message CRC only
                    return garbled;
                }));
    }

    private static ScriptedResponse withSecondFrame(byte[] sse, UnaryOperator<byte[]> breakIt) {
        List<byte[]> frames = new ArrayList<>(EventStreamFrames.fromSse(sse));
        frames.set(1, breakIt.apply(frames.get(1)));
        return BedrockResponses.frames(frames.toArray(new byte[0][]));
    }

    @Override
    public String toString() {
        return name();
    }
}
