package dev.brook.testkit;

import dev.brook.testkit.NettyExchange.ClientGoneException;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Plays a {@link ScriptedResponse} onto a {@link NettyExchange}, step by step, on the calling thread: the
 * HTTP/2-mode server's counterpart of the HTTP/1.1 server's serving loop, with the same meaning for
 * every step. The exchange decides how each part looks on the wire.
 */
final class ScriptPlayer {
    /** About how many bytes of a {@link ScriptedResponse.Builder#repeat} body go in one write. */
    private static final int REPEAT_PIECE_BYTES = 64 * 1024;

    private ScriptPlayer() {}

    /** @return whether a response with {@code status} has a body (and framing headers) */
    static boolean bodyAllowed(int status) {
        return status >= 200 && status != 204 && status != 304;
    }

    /**
     * Plays {@code response} to the end, to a fault, or until the client leaves.
     *
     * @param method the request's method: a {@code HEAD} response gets no body
     * @throws ClientGoneException if the client left (the script stops there)
     */
    static void play(ScriptedResponse response, String method, NettyExchange exchange) throws ClientGoneException {
        exchange.pause(response.headersDelay().toNanos());
        if (response.isGoAwayBeforeHeaders()) {
            exchange.refuse();
            return;
        }
        int status = response.status();
        boolean bodyAllowed = bodyAllowed(status);
        boolean sendBody = bodyAllowed && !method.equals("HEAD");
        WireBody body = WireBody.of(response);
        long contentLength = bodyAllowed && response.isFixedLength() ? body.declaredLength() : -1;
        exchange.sendHead(status, response.headers(), bodyAllowed && response.isGzip(), contentLength, !sendBody);
        if (!sendBody) {
            exchange.awaitWritten(Long.MAX_VALUE);
            return;
        }

        List<Step> steps = response.steps();
        boolean ended = false;
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            // The last step's bytes carry the end of the body, unless a gzip trailer still follows.
            boolean endsHere = i == steps.size() - 1 && body.trailer.length == 0;
            switch (step.kind) {
                case CHUNK:
                    exchange.pause(step.duration.toNanos());
                    byte[] bytes = body.wire[i];
                    if (bytes.length > 0) { // an empty chunk is a delay only, as over HTTP/1.1
                        exchange.sendData(Unpooled.wrappedBuffer(bytes), endsHere);
                        ended = endsHere;
                    }
                    break;
                case STALL:
                    exchange.pause(step.duration.toNanos());
                    break;
                case AWAIT:
                    if (!exchange.awaitSignal(step.signal, step.duration.toNanos())) {
                        exchange.closeConnection();
                        return;
                    }
                    break;
                case PERMITS:
                    for (long sent = 0; sent < step.count; sent++) {
                        if (!exchange.takePermit(step.permits, step.duration.toNanos())) {
                            exchange.closeConnection();
                            return;
                        }
                        exchange.sendData(Unpooled.wrappedBuffer(step.bytes), false);
                    }
                    break;
                case REPEAT:
                    ended = sendRepeated(exchange, step.bytes, step.count, endsHere);
                    break;
                case CLOSE:
                    exchange.closeConnection();
                    return;
                case RESET:
                    exchange.reset();
                    return;
                default:
                    throw new AssertionError(step.kind);
            }
        }
        if (!ended) {
            if (body.trailer.length > 0) {
                exchange.sendData(Unpooled.wrappedBuffer(body.trailer), true);
            } else {
                exchange.endBody();
            }
        }
        exchange.awaitWritten(Long.MAX_VALUE); // done once the last byte left, or the client did
    }

    /**
     * Sends {@code count} copies of {@code copy} packed into pieces of about 64 KiB, each written only
     * when the exchange can take it, so the body is made as it leaves. Each piece is a fresh heap buffer
     * rather than a view of one shared array: a piece the server held back would then be memory a heap
     * check can see, which is how the tests prove nothing is held back.
     *
     * @return true if the last piece ended the body
     */
    private static boolean sendRepeated(NettyExchange exchange, byte[] copy, long count, boolean endsBody)
            throws ClientGoneException {
        int perPiece = (int) Math.max(1, Math.min(count, REPEAT_PIECE_BYTES / copy.length));
        byte[] packed = new byte[perPiece * copy.length];
        for (int i = 0; i < perPiece; i++) {
            System.arraycopy(copy, 0, packed, i * copy.length, copy.length);
        }
        for (long left = count; left > 0; ) {
            int n = (int) Math.min(left, perPiece);
            left -= n;
            exchange.sendData(Unpooled.copiedBuffer(packed, 0, n * copy.length), endsBody && left == 0);
        }
        return endsBody && count > 0;
    }
}
