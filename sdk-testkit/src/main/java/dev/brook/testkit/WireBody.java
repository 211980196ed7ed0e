package dev.brook.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes a script's chunks become on the wire, worked out before the head is sent: each chunk as is,
 * or compressed with gzip (each flushed on its own, then the gzip trailer), and the {@code Content-Length}
 * a fixed-length body announces. Both servers, HTTP/1.1 and HTTP/2, frame the body from it, so both send
 * the same bytes for one script.
 */
final class WireBody {
    /** Per step: the bytes to send for a chunk step; the step's own bytes (or null) for the others. */
    final byte[][] wire;
    /** Sent after the last step: the gzip trailer, or empty without gzip. */
    final byte[] trailer;
    private final List<Step> steps;

    private WireBody(List<Step> steps, byte[][] wire, byte[] trailer) {
        this.steps = steps;
        this.wire = wire;
        this.trailer = trailer;
    }

    static WireBody of(ScriptedResponse response) {
        List<Step> steps = response.steps();
        byte[][] wire = new byte[steps.size()][];
        if (!response.isGzip()) {
            for (int i = 0; i < steps.size(); i++) {
                wire[i] = steps.get(i).bytes;
            }
            return new WireBody(steps, wire, new byte[0]);
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(sink, 8192, true)) {
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).kind == Step.Kind.CHUNK) {
                    gz.write(steps.get(i).bytes);
                    gz.flush(); // SYNC_FLUSH: everything so far decodes from these bytes
                    wire[i] = sink.toByteArray();
                    sink.reset();
                }
            }
            gz.finish();
            return new WireBody(steps, wire, sink.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("gzip into memory failed", e); // a ByteArrayOutputStream does not fail
        }
    }

    /**
     * The Content-Length to announce: every chunk on the wire plus the gzip trailer. When a fault would
     * cut nothing (it is the last step of an uncompressed body), one byte more, so the client always
     * sees a truncated body.
     */
    long declaredLength() {
        long total = trailer.length;
        long beforeFault = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).isFault() && beforeFault < 0) {
                beforeFault = total - trailer.length;
            }
            if (wire[i] != null) {
                total += wire[i].length;
            }
        }
        return beforeFault >= 0 && beforeFault >= total ? total + 1 : total;
    }
}
