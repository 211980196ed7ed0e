package dev.brook.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.brook.core.error.StreamProtocolException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SSE decoder on fuzzer-chosen bytes fed in fuzzer-chosen chunks: the events are those of the same
 * bytes fed whole, and nothing but the documented limit error escapes. {@code mvn verify} replays the
 * committed inputs ({@code SseDecoderFuzzTestInputs/}); {@code sdk-bench/fuzz.sh} fuzzes.
 */
class SseDecoderFuzzTest {
    private static final int MAX_EVENT = 4096;

    @FuzzTest(maxDuration = "10m")
    void chunkedIsWhole(FuzzedDataProvider data) {
        int cuts = data.consumeInt(0, 16);
        int[] sizes = new int[cuts];
        for (int i = 0; i < cuts; i++) {
            sizes[i] = data.consumeInt(0, 64);
        }
        byte[] input = data.consumeRemainingAsBytes();
        List<String> whole = decode(input, new int[0]);
        List<String> chunked = decode(input, sizes);
        assertThat(chunked).isEqualTo(whole);
    }

    /** The events as text, or the limit error as the last element; any other throwable fails the test. */
    private static List<String> decode(byte[] input, int[] sizes) {
        List<String> out = new ArrayList<>();
        SseDecoder decoder = new SseDecoder(e -> out.add(e.type() + "|" + e.data() + "|" + e.lastEventId()), MAX_EVENT);
        try {
            int p = 0;
            for (int size : sizes) {
                int n = Math.min(size, input.length - p);
                decoder.feed(input, p, n);
                p += n;
            }
            decoder.feed(input, p, input.length - p);
            decoder.end();
        } catch (StreamProtocolException limit) {
            // The documented error for an event over the limit; the same input fed whole gives it too.
            out.add("limit");
        }
        return out;
    }
}
