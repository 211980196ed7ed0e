package dev.brook.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.AuthenticationException;
import dev.brook.core.error.BadRequestException;
import dev.brook.core.error.ConflictException;
import dev.brook.core.error.InternalServerException;
import dev.brook.core.error.NotFoundException;
import dev.brook.core.error.OverloadedException;
import dev.brook.core.error.PermissionDeniedException;
import dev.brook.core.error.RateLimitException;
import dev.brook.core.error.RequestTooLargeException;
import dev.brook.core.error.UnprocessableEntityException;
import dev.brook.core.transport.TransportHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Turns an error response into the {@link ApiException} subclass for its status. */
public final class ErrorResponses {
    /** Most of an error body that is read and kept; the rest is not drained. */
    public static final int MAX_ERROR_BODY = 64 * 1024;

    private ErrorResponses() {
    }

    /**
     * @param attempts how many attempts the call made, this one included
     * @param retryable whether the retry policy counts this response as retryable
     * @param secrets the call's credentials: masked wherever the body echoes them
     * @param typeIfBodyHasNone the error type when the body names none (from the backend); may be null
     */
    public static ApiException toException(int status, TransportHeaders headers, String requestId, byte[] body,
            int attempts, boolean retryable, List<String> secrets, String typeIfBodyHasNone) {
        String raw = SecretMask.mask(new String(body, StandardCharsets.UTF_8), secrets);
        String type = "";
        String message = "";
        try {
            JsonNode root;
            try (com.fasterxml.jackson.core.JsonParser p = Json.FACTORY.createParser(body)) {
                root = Json.readTree(p);
            }
            JsonNode error = root == null ? null : root.get("error");
            if (error != null && error.isObject()) {
                // The API's {"error":{"type","message"}}; Google's gateways put "status" where the type is.
                type = SecretMask.mask(error.path("type").asText(error.path("status").asText("")), secrets);
                message = SecretMask.mask(error.path("message").asText(""), secrets);
            } else if (root != null && root.path("message").isTextual()) {
                // {"message": ...}, as AWS services and many gateways answer.
                message = SecretMask.mask(root.path("message").asText(), secrets);
            }
        } catch (IOException notJson) {
            // A proxy or load balancer answered with HTML or plain text: keep it as the raw body only.
        }
        if (type.isEmpty() && typeIfBodyHasNone != null) {
            type = SecretMask.mask(typeIfBodyHasNone, secrets);
        }
        if (status == 400) {
            return new BadRequestException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status == 401) {
            return new AuthenticationException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status == 403) {
            return new PermissionDeniedException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status == 404) {
            return new NotFoundException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status == 409) {
            return new ConflictException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status == 413) {
            return new RequestTooLargeException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status == 422) {
            return new UnprocessableEntityException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status == 429) {
            Duration retryAfter = RetryPolicy.retryAfter(headers, Duration.ofDays(1)).orElse(null);
            return new RateLimitException(status, type, message, requestId, raw, attempts, retryable, retryAfter);
        } else if (status == 529) {
            return new OverloadedException(status, type, message, requestId, raw, attempts, retryable);
        } else if (status >= 500) {
            return new InternalServerException(status, type, message, requestId, raw, attempts, retryable);
        }
        return new ApiException(status, type, message, requestId, raw, attempts, retryable);
    }

    /** Reads at most {@code limit} bytes of {@code in}; never drains the rest. */
    public static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] buf = new byte[Math.min(limit, 8192)];
        int n = 0;
        while (n < limit) {
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(limit, buf.length * 2));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return Arrays.copyOf(buf, n);
    }
}
