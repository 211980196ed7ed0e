package dev.brook.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Tricky rules the conformance file does not pin, plus the decoder's own API contract. */
class SseDecoderTest {
    private final List<SseEvent> events = new ArrayList<>();
    private final SseDecoder decoder = new SseDecoder(events::add);

    private void feed(String... chunks) {
        for (String c : chunks) {
            decoder.feed(c.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void feedBytes(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        decoder.feed(b);
    }

    @Test
    void freshDecoderHasNoLastEventIdAndNoReconnectionTime() {
        assertThat(decoder.lastEventId()).isEmpty();
        assertThat(decoder.reconnectionTime()).isEmpty();
    }

    @Test
    void eventIsDispatchedAsSoonAsItsBlankLineArrives() {
        feed("data: a\n");
        assertThat(events).isEmpty();
        feed("\n");
        assertThat(events).containsExactly(new SseEvent("message", bytes("a"), "", -1));
    }

    @Test
    void crAtChunkEndThenEmptyChunksThenLfIsOneLineEnd() {
        feed("data: a\r", "", "", "\n", "\r", "", "\n", "data: b\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("a", "b");
    }

    @Test
    void crAtChunkEndDispatchesBeforeTheLfArrives() {
        feed("data: a\r\r");
        assertThat(events).extracting(SseEvent::data).containsExactly("a");
        feed("\ndata: b\n\n"); // this LF pairs with the CR that already ended the blank line
        assertThat(events).extracting(SseEvent::data).containsExactly("a", "b");
    }

    @Test
    void partialBomAtStartIsKeptAsOrdinaryBytes() {
        // EF alone is not a BOM: it stays in the stream and spoils the first field name.
        feedBytes(0xEF);
        feed("data: lost\n\ndata: kept\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("kept");
    }

    @Test
    void twoThirdsOfBomThenOtherByteIsKeptAsOrdinaryBytes() {
        feedBytes(0xEF, 0xBB);
        feed("data: lost\n\ndata: kept\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("kept");
    }

    @Test
    void partialBomBytesStayInDataWhenTheLineIsAComment() {
        // A stream that starts with EF BB then a colon: the name is EF BB, so the line is an unknown field.
        feedBytes(0xEF, 0xBB, ':', 'x', '\n');
        feed("data: y\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("y");
    }

    @Test
    void bomAfterAnEmptyFirstChunkIsStillStripped() {
        decoder.feed(new byte[0]);
        feedBytes(0xEF);
        decoder.feed(new byte[0]);
        feedBytes(0xBB, 0xBF);
        feed("data: x\n\n");
        assertThat(events).extracting(SseEvent::data).containsExactly("x");
    }

    @Test
    void bomAfterTheFirstByteIsNotStripped() {
        feed("\n");
        feedBytes(0xEF, 0xBB, 0xBF);
        feed("data: x\n\n");
        assertThat(events).isEmpty();
    }

    @Test
    void idWithNulIsIgnoredEvenAfterTheLeadingSpace() {
        feed("id: 7\n\n", "id: 8\u0000\ndata: x\n\n");
        assertThat(events).extracting(SseEvent::lastEventId).containsExactly("7");
        assertThat(decoder.lastEventId()).isEqualTo("7");
    }

    @Test
    void idReachesLastEventIdOnlyAtTheBlankLine() {
        feed("id: 5\n");
        assertThat(decoder.lastEventId()).isEmpty();
        feed("\n");
        assertThat(decoder.lastEventId()).isEqualTo("5");
        assertThat(events).isEmpty();
    }

    @Test
    void idSplitAcrossChunksIsJoined() {
        feed("i", "d", ":", " ", "ab", "c\n", "data\n\n");
        assertThat(events).extracting(SseEvent::lastEventId).containsExactly("abc");
    }

    @Test
    void retryWithNonDigitsKeepsThePreviousValue() {
        feed("retry: 1500\n", "retry: 15OO\n", "data: x\n\n");
        assertThat(decoder.reconnectionTime()).isEqualTo(OptionalLong.of(1500));
        assertThat(events.get(0).retry()).isEqualTo(OptionalLong.of(1500));
    }

    @Test
    void retryAtLongMaxIsKept() {
        feed("retry: 9223372036854775807\n\n");
        assertThat(decoder.reconnectionTime()).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    }

    @Test
    void retryPastLongMaxIsIgnoredLikeAnInvalidValue() {
        feed("retry: 42\n", "retry: 9223372036854775808\n", "retry: 99999999999999999999999\ndata: x\n\n");
        assertThat(decoder.reconnectionTime()).isEqualTo(OptionalLong.of(42));
        assertThat(events.get(0).retry()).isEqualTo(OptionalLong.of(42));
    }

    @Test
    void retryWithLeadingZerosBeyondNineteenDigitsIsStillItsValue() {
        feed("retry: 000000000000000000000000000012\n\n");
        assertThat(decoder.reconnectionTime()).isEqualTo(OptionalLong.of(12));
    }

    @Test
    void retryDigitsSplitAcrossChunksAreJoined() {
        feed("retry: 12", "34\n", "\n");
        assertThat(decoder.reconnectionTime()).isEqualTo(OptionalLong.of(1234));
    }

    @Test
    void retryInAnUnterminatedLineIsNeverApplied() {
        feed("retry: 300");
        decoder.end();
        assertThat(decoder.reconnectionTime()).isEmpty();
    }

    @Test
    void unterminatedBlockAtEndIsDiscarded() {
        feed("data: a\n\ndata: b\n");
        decoder.end();
        assertThat(events).extracting(SseEvent::data).containsExactly("a");
    }

    @Test
    void endIsIdempotentAndFeedAfterEndThrows() {
        decoder.end();
        decoder.end();
        assertThatThrownBy(() -> feed("data: x\n\n")).isInstanceOf(IllegalStateException.class)
                .hasMessage("SseDecoder.end() was called; use a new decoder for a new stream");
    }

    @Test
    void eventTypeStringIsReusedWhenTheBytesRepeat() {
        feed("event: content_block_delta\ndata: 1\n\n", "event: content_block_delta\ndata: 2\n\n");
        assertThat(events.get(1).type()).isSameAs(events.get(0).type()).isEqualTo("content_block_delta");
        feed("event: ping\ndata: 3\n\n");
        assertThat(events.get(2).type()).isEqualTo("ping");
    }

    @Test
    void byteBufferFeedConsumesRemainingBytesFromItsPosition() {
        byte[] raw = "XXdata: hi\n\nYY".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer heap = ByteBuffer.wrap(raw, 2, raw.length - 4);
        decoder.feed(heap);
        assertThat(heap.position()).isEqualTo(heap.limit());

        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.put("data: there\n\n".getBytes(StandardCharsets.US_ASCII)).flip();
        decoder.feed(direct);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(events).extracting(SseEvent::data).containsExactly("hi", "there");
    }

    @Test
    void directBufferLargerThanTheScratchArrayIsDecodedWhole() {
        String big = "é".repeat(20_000); // 40,000 bytes, with characters split at scratch boundaries
        ByteBuffer direct = ByteBuffer.allocateDirect(60_000);
        direct.put(("data: " + big + "\n\n").getBytes(StandardCharsets.UTF_8)).flip();
        decoder.feed(direct);
        assertThat(events).extracting(SseEvent::data).containsExactly(big);
    }

    @Test
    void feedHonoursOffsetAndLength() {
        byte[] raw = "\n\ndata: mid\n\n:::".getBytes(StandardCharsets.US_ASCII);
        decoder.feed(raw, 2, raw.length - 5);
        assertThat(events).extracting(SseEvent::data).containsExactly("mid");
        assertThatThrownBy(() -> decoder.feed(raw, 5, raw.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void constructorRejectsALimitBelowOne() {
        assertThatThrownBy(() -> new SseDecoder(e -> { }, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxEventSize < 1: 0");
        assertThatThrownBy(() -> new SseDecoder(null)).isInstanceOf(NullPointerException.class).hasMessage("sink");
    }

    @Test
    void dataBytesArePassedThroughUnchanged() {
        byte[] payload = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xE2, (byte) 0x82, '\n', '\n'};
        decoder.feed(payload);
        assertThat(events.get(0).dataBytes()).containsExactly((byte) 0xE2, (byte) 0x82);
        assertThat(events.get(0).data()).isEqualTo("\uFFFD"); // one maximal subpart, one replacement
    }

    @Test
    void encodedSurrogateBecomesOneReplacementPerByteLikeWhatwg() {
        feedBytes('d', 'a', 't', 'a', ':', 0xED, 0xA0, 0x80, '\n', '\n');
        assertThat(events.get(0).data()).isEqualTo("\uFFFD\uFFFD\uFFFD");
    }

    @Test
    void longDataLineSplitEverywhereKeepsEveryByte() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            sb.append((char) ('a' + i % 26));
        }
        byte[] stream = ("data: " + sb + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int step = 1; step <= 17; step++) {
            events.clear();
            SseDecoder d = new SseDecoder(events::add);
            for (int i = 0; i < stream.length; i += step) {
                d.feed(stream, i, Math.min(step, stream.length - i));
            }
            assertThat(events).as("step %d", step).extracting(SseEvent::data).containsExactly(sb.toString());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
