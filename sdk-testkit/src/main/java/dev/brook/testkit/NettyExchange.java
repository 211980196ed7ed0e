package dev.brook.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One response of the HTTP/2-mode server on its way to the client: an HTTP/2 stream ({@link
 * Http2Exchange}) or, for a client that did not ask for HTTP/2, an HTTP/1.1 exchange ({@link
 * Http1Exchange}). A {@link ScriptPlayer} drives it from the response's own thread, never from Netty's
 * event loop, so a script may wait as long as it likes.
 *
 * <p>Every write waits until the channel can take it: fewer than {@value #MAX_PENDING_BYTES} bytes of
 * this response handed to Netty and not yet on the socket, and the channel writable. For an HTTP/2
 * stream, Netty's stream channel is writable only while the stream's data is leaving (its flow-control
 * window is open and the TCP connection drains), so a client that reads slowly holds the script back and
 * the server never buffers more than about one chunk per stream. The waits block on a monitor that
 * Netty's events (write done, writability changed, channel closed) notify; they never spin.
 *
 * <p>Once the client has left (the stream was reset or the connection closed) every wait and write
 * throws {@link ClientGoneException}, so the script stops.
 */
abstract class NettyExchange {
    /** The client reset the stream or closed the connection, or the server is closing. */
    static final class ClientGoneException extends Exception {
        private static final long serialVersionUID = 1L;

        ClientGoneException() {
            super("the client left", null, false, false);
        }
    }

    /** How many bytes of one response may be on their way (written, not yet on the socket) at once. */
    static final long MAX_PENDING_BYTES = 128 * 1024;
    /** How often a wait for a test's signal or permit looks at it again. */
    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();
    /** A safety net only: a write that waits for writability is woken by Netty's events. */
    private static final long WRITABILITY_RECHECK_NANOS = Duration.ofMillis(100).toNanos();
    /** How long a fault waits for the bytes written so far to leave before it cuts the response. */
    static final long FAULT_DRAIN_NANOS = Duration.ofSeconds(5).toNanos();

    final Channel channel;
    private final Object lock = new Object();
    private long pendingBytes; // guarded by lock
    private int pendingWrites; // guarded by lock
    private boolean gone; // guarded by lock
    private volatile boolean connectionEnded;

    NettyExchange(Channel channel) {
        this.channel = channel;
    }

    // ---------------------------------------------------------------- what each protocol does

    /**
     * Sends the status and headers.
     *
     * @param gzip whether to announce {@code Content-Encoding: gzip}
     * @param contentLength the length to announce, or -1 for none (a body of unknown length)
     * @param endsResponse true when no body follows (HEAD, 204, 304, 1xx)
     */
    abstract void sendHead(int status, List<Map.Entry<String, String>> headers, boolean gzip, long contentLength,
            boolean endsResponse) throws ClientGoneException;

    /** Sends body bytes (not empty); {@code endsBody} when they are the last. Takes ownership of {@code data}. */
    abstract void sendData(ByteBuf data, boolean endsBody) throws ClientGoneException;

    /** Ends the body after the bytes sent so far. */
    abstract void endBody() throws ClientGoneException;

    /** {@link ScriptedResponse.Builder#closeMidBody()}: ends the whole TCP connection, body unfinished. */
    abstract void closeConnection() throws ClientGoneException;

    /** {@link ScriptedResponse.Builder#resetMidBody()}. */
    abstract void reset() throws ClientGoneException;

    /** {@link ScriptedResponse.Builder#goAwayBeforeHeaders()}: refuses the request, no response byte sent. */
    abstract void refuse() throws ClientGoneException;

    // ---------------------------------------------------------------- called on the event loop

    /** The channel's writability changed: a waiting write looks again. */
    final void writabilityChanged() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** The stream or connection closed: every wait and write of the script ends. */
    final void clientGone() {
        synchronized (lock) {
            gone = true;
            lock.notifyAll();
        }
    }

    // ---------------------------------------------------------------- called by the script's thread

    /** @return whether a fault of this response ended the connection, so it serves nothing more */
    final boolean endedConnection() {
        return connectionEnded;
    }

    final void markConnectionEnded() {
        connectionEnded = true;
    }

    /**
     * Writes {@code message}, counting {@code bytes} of payload, once the channel can take it.
     *
     * @throws ClientGoneException if the client left; {@code message} is released then
     */
    final void write(Object message, long bytes) throws ClientGoneException {
        synchronized (lock) {
            while (true) {
                if (gone) {
                    ReferenceCountUtil.release(message);
                    throw new ClientGoneException();
                }
                boolean room = pendingBytes == 0 || pendingBytes + bytes <= MAX_PENDING_BYTES;
                if (room && channel.isWritable()) {
                    break;
                }
                waitOn(WRITABILITY_RECHECK_NANOS);
            }
            pendingBytes += bytes;
            pendingWrites++;
        }
        channel.writeAndFlush(message).addListener(f -> written(bytes, f.isSuccess()));
    }

    private void written(long bytes, boolean success) {
        synchronized (lock) {
            pendingBytes -= bytes;
            pendingWrites--;
            if (!success) {
                gone = true; // the channel is closed: its inactive event follows
            }
            lock.notifyAll();
        }
    }

    /**
     * Waits until everything written has left for the socket, or the client left, or {@code nanos}
     * passed.
     *
     * @return true if everything left
     */
    final boolean awaitWritten(long nanos) {
        long deadline = System.nanoTime() + nanos;
        synchronized (lock) {
            while (pendingWrites > 0 && !gone) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                waitOn(remaining);
            }
            return pendingWrites == 0;
        }
    }

    /** Waits {@code nanos}, watching the client. */
    final void pause(long nanos) throws ClientGoneException {
        long deadline = System.nanoTime() + nanos;
        synchronized (lock) {
            while (!gone) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                waitOn(remaining);
            }
        }
        throw new ClientGoneException();
    }

    /** @return true once {@code signal} is true; false if it was not within {@code nanos} */
    final boolean awaitSignal(BooleanSupplier signal, long nanos) throws ClientGoneException {
        long deadline = System.nanoTime() + nanos;
        synchronized (lock) {
            while (!gone) {
                if (signal.getAsBoolean()) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                waitOn(Math.min(remaining, POLL_NANOS));
            }
        }
        throw new ClientGoneException();
    }

    /**
     * Takes one permit, blocking on the semaphore itself (so a permit is taken the moment it is
     * released) in slices, between which it looks whether the client left.
     *
     * @return true once a permit was taken; false if none came within {@code nanos}
     */
    final boolean takePermit(Semaphore permits, long nanos) throws ClientGoneException {
        long deadline = System.nanoTime() + nanos;
        while (true) {
            synchronized (lock) {
                if (gone) {
                    throw new ClientGoneException();
                }
            }
            long remaining = deadline - System.nanoTime();
            try {
                if (permits.tryAcquire(Math.max(0, Math.min(remaining, POLL_NANOS)), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientGoneException();
            }
            if (deadline - System.nanoTime() <= 0) {
                return false;
            }
        }
    }

    /** Waits on the monitor, which the caller holds; an interrupt ends the script like a client leaving. */
    private void waitOn(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gone = true;
        }
    }

    /**
     * Closes {@code channel}'s TCP connection from the bottom of its pipeline: no handler above sees the
     * close, so neither HTTP/2 ({@code GOAWAY} and a graceful wait) nor TLS ({@code close_notify}) adds
     * anything, and the client meets a bare end of the connection.
     */
    static void closeAbruptly(Channel channel) {
        ChannelHandlerContext first = channel.pipeline().firstContext();
        if (first != null) {
            first.close(); // a context's close() goes to the handlers below it: here only the socket
        } else {
            channel.close();
        }
    }
}
