package dev.brook.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.brook.core.error.StreamProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SSE decoder on fuzzer-chosen bytes fed in fuzzer-chosen chunks, under a fuzzer-chosen event size
 * limit: the events are those of the same bytes fed whole, nothing but the documented limit error
 * escapes, and after every chunk no buffer the decoder holds is larger than the limit (memory stays
 * within about five times the limit plus the fixed scratch, whatever the input). {@code mvn verify}
 * replays the committed inputs ({@code SseDecoderFuzzTestInputs/}); {@code sdk-bench/fuzz.sh} fuzzes.
 */
class SseDecoderFuzzTest {
    /** Buffers start at this capacity, which may exceed a tiny limit. */
    private static final int INITIAL_CAPACITY = 256;

    @FuzzTest(maxDuration = "10m")
    void chunkedIsWhole(FuzzedDataProvider data) {
        int limit = data.consumeInt(1, 2048);
        int cuts = data.consumeInt(0, 16);
        int[] sizes = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            sizes[i] = data.consumeInt(0, 64);
        }
        byte[] input = data.consumeRemainingAsBytes();
        List<String> whole = decode(input, new int[0], limit);
        List<String> chunked = decode(input, sizes, limit);
        assertThat(chunked).isEqualTo(whole);
    }

    /** The events as text, or the limit error as the last element; any other throwable fails the test. */
    private static List<String> decode(byte[] input, int[] sizes, int limit) {
        List<String> out = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(e -> out.add(e.type() + "|" + e.data() + "|" + e.lastEventId()), limit);
        int bound = Math.max(limit, INITIAL_CAPACITY);
        try {
            int p = 0;
            for (int size : sizes) {
                int n = Math.min(size, input.length - p);
                decoder.feed(input, p, n);
                assertThat(decoder.largestBuffer()).as("largest buffer under a %d-byte limit", limit)
                        .isLessThanOrEqualTo(bound);
                p += n;
            }
            decoder.feed(input, p, input.length - p);
            assertThat(decoder.largestBuffer()).as("largest buffer under a %d-byte limit", limit)
                    .isLessThanOrEqualTo(bound);
            decoder.end();
        } catch (StreamProtocolException overLimit) {
            // The documented error for an event over the limit; the same input fed whole gives it too.
            out.add("limit");
        }
        return out;
    }
}
