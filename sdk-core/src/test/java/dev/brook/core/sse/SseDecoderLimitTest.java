package dev.brook.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.error.StreamProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The maximum event size: a clear error, a failed decoder afterwards, and memory that stays bounded. */
class SseDecoderLimitTest {
    private static final int LIMIT = 64 * 1024;
    private static final int CHUNK = 8 * 1024;
    private static final long STREAM = 64L * 1024 * 1024;
    /** The decoder's buffers before any growth: data 256, type 32, id value 32. */
    private static final int SMALL_BUFFERS = 256 + 32 + 32;
    private static final String MESSAGE_64K = "SSE event exceeds the maximum event size of 65,536 bytes; "
            + "raise it with Brook.builder().maxEventSize(...) or check the server";

    /** Feeds generated chunks until the decoder throws; checks the buffers after every accepted chunk. */
    private static long feedUntilFailure(SseDecoder decoder, ChunkSource source) {
        long fed = 0;
        byte[] chunk = new byte[CHUNK];
        while (fed < STREAM) {
            source.fill(chunk, fed);
            try {
                decoder.feed(chunk);
            } catch (StreamProtocolException e) {
                assertThat(e).hasMessage(MESSAGE_64K);
                return fed;
            }
            fed += CHUNK;
            assertThat(decoder.bufferCapacity()).as("buffer capacity after %,d bytes", fed)
                    .isLessThanOrEqualTo(LIMIT + SMALL_BUFFERS);
        }
        throw new AssertionError("64 MiB were accepted although the limit is " + LIMIT + " bytes");
    }

    @FunctionalInterface
    private interface ChunkSource {
        void fill(byte[] chunk, long streamOffset);
    }

    @Test
    void manyDataLinesPastTheLimitFailClearlyWithBoundedBuffers() {
        byte[] line = "data: 0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0123456789\n"
                .getBytes(StandardCharsets.US_ASCII);
        List<SseEvent> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add, LIMIT);
        long fed = feedUntilFailure(decoder, (chunk, offset) -> {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = line[(int) ((offset + i) % line.length)];
            }
        });

        assertThat(events).isEmpty();
        // Failed within one chunk of the limit, not after buffering the stream.
        assertThat(fed).isLessThanOrEqualTo(LIMIT + CHUNK);
        assertThat(decoder.bufferCapacity()).as("buffers released once failed").isLessThanOrEqualTo(SMALL_BUFFERS);
    }

    @Test
    void oneHugeDataLineWithoutNewlineFailsClearly() {
        SseDecoder decoder = new SseDecoder(e -> { }, LIMIT);
        long fed = feedUntilFailure(decoder, (chunk, offset) -> {
            Arrays.fill(chunk, (byte) 'x');
            if (offset == 0) {
                System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 6);
            }
        });
        assertThat(fed).isLessThanOrEqualTo(LIMIT + CHUNK);
    }

    @Test
    void oneHugeCommentLineFailsInsteadOfReadingForever() {
        SseDecoder decoder = new SseDecoder(e -> { }, LIMIT);
        long fed = feedUntilFailure(decoder, (chunk, offset) -> {
            Arrays.fill(chunk, (byte) 'c');
            chunk[0] = offset == 0 ? (byte) ':' : (byte) 'c';
        });
        assertThat(fed).isLessThanOrEqualTo(LIMIT + CHUNK);
    }

    @Test
    void oneHugeEventTypeFailsClearly() {
        SseDecoder decoder = new SseDecoder(e -> { }, LIMIT);
        long fed = feedUntilFailure(decoder, (chunk, offset) -> {
            Arrays.fill(chunk, (byte) 't');
            if (offset == 0) {
                System.arraycopy("event: ".getBytes(StandardCharsets.US_ASCII), 0, chunk, 0, 7);
            }
        });
        assertThat(fed).isLessThanOrEqualTo(LIMIT + CHUNK);
    }

    @Test
    void oneHugeFieldNameFailsClearly() {
        SseDecoder decoder = new SseDecoder(e -> { }, LIMIT);
        long fed = feedUntilFailure(decoder, (chunk, offset) -> Arrays.fill(chunk, (byte) 'n'));
        assertThat(fed).isLessThanOrEqualTo(LIMIT + CHUNK);
    }

    @Test
    void dataOfExactlyTheLimitIsDispatchedAndOneMoreByteIsNot() {
        int limit = 1000;
        List<SseEvent> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add, limit);
        decoder.feed(("data: " + "a".repeat(400) + "\ndata: " + "b".repeat(599) + "\n\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).dataLength()).isEqualTo(limit); // 400 + LF + 599

        SseDecoder strict = new SseDecoder(e -> { }, limit);
        assertThatThrownBy(() -> strict.feed(("data: " + "a".repeat(400) + "\ndata: " + "b".repeat(600) + "\n\n")
                .getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessage("SSE event exceeds the maximum event size of 1,000 bytes; "
                        + "raise it with Brook.builder().maxEventSize(...) or check the server");
    }

    @Test
    void limitIsPerEventNotPerStream() {
        List<SseEvent> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add, 100);
        byte[] event = ("data: " + "z".repeat(90) + "\n\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1000; i++) {
            decoder.feed(event);
        }
        assertThat(events).hasSize(1000);
    }

    @Test
    void failedDecoderRejectsFeedAndEndWithTheReason() {
        SseDecoder decoder = new SseDecoder(e -> { }, 16);
        assertThatThrownBy(() -> decoder.feed("data: 0123456789abcdefg\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(StreamProtocolException.class);
        String reason = "SseDecoder failed earlier and cannot be used again: SSE event exceeds the maximum event "
                + "size of 16 bytes; raise it with Brook.builder().maxEventSize(...) or check the server";
        assertThatThrownBy(() -> decoder.feed(new byte[] {'\n'}))
                .isInstanceOf(IllegalStateException.class).hasMessage(reason);
        assertThatThrownBy(() -> decoder.feed(java.nio.ByteBuffer.allocate(1)))
                .isInstanceOf(IllegalStateException.class).hasMessage(reason);
        assertThatThrownBy(decoder::end).isInstanceOf(IllegalStateException.class).hasMessage(reason);
    }

    @Test
    void defaultLimitIs16MiBAndNamedInTheError() {
        assertThat(SseDecoder.DEFAULT_MAX_EVENT_SIZE).isEqualTo(16 * 1024 * 1024);
        SseDecoder decoder = new SseDecoder(e -> { });
        byte[] chunk = new byte[1024 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        decoder.feed("data:".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 16; i++) {
            decoder.feed(chunk); // exactly 16 MiB of data: still allowed
        }
        assertThatThrownBy(() -> decoder.feed(new byte[] {'x'}))
                .isInstanceOf(StreamProtocolException.class)
                .hasMessage("SSE event exceeds the maximum event size of 16,777,216 bytes; "
                        + "raise it with Brook.builder().maxEventSize(...) or check the server");
    }

    @Test
    void largeBufferIsNotPinnedAfterOneLargeEvent() {
        List<SseEvent> events = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(events::add);
        decoder.feed(("data: " + "x".repeat(2 * 1024 * 1024) + "\n\n").getBytes(StandardCharsets.US_ASCII));
        decoder.feed("data: small\n\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(events).hasSize(2);
        assertThat(decoder.bufferCapacity()).isLessThan(64 * 1024);
    }

    /**
     * Found by fuzzing: with a limit smaller than a field name, a chunk that ended inside {@code event}
     * counted the name toward the limit and failed, while the same bytes in one chunk did not (the name of
     * a data or event line never counts, only its value). Where chunks split must not change the outcome.
     */
    @Test
    void aChunkEndingInsideTheNameEventOrDataCountsAsTheWholeLineDoes() {
        // Within the 3-byte limit: type "ab" plus data "c", or data "abc".
        for (String line : List.of("event:ab\ndata:c\n\n", "data:abc\n\n")) {
            byte[] bytes = line.getBytes(StandardCharsets.US_ASCII);
            for (int cut = 1; cut < 6; cut++) {
                List<SseEvent> whole = new ArrayList<>();
                new SseDecoder(whole::add, 3).feed(bytes);
                List<SseEvent> split = new ArrayList<>();
                SseDecoder decoder = new SseDecoder(split::add, 3);
                decoder.feed(Arrays.copyOfRange(bytes, 0, cut));
                decoder.feed(Arrays.copyOfRange(bytes, cut, bytes.length));
                assertThat(split).as("%s cut after %d bytes", line, cut).hasSize(1).isEqualTo(whole);
            }
        }
    }
}
