package dev.brook.core.accumulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * {@link ChunkedText} against the obvious model, a {@link StringBuilder}: after any mix of appends (tiny,
 * around the sealing size, larger than it; Latin-1 and not) and reads in between, every read gives what the
 * builder gives. Reads between appends matter: {@code toString} folds the chunks into one, and the later
 * appends and index lookups must still line up.
 */
class ChunkedTextPropertyTest {

    @Property(tries = 1000)
    void readsAsTheAppendedText(@ForAll("steps") List<String> steps, @ForAll("probes") List<Integer> probes) {
        ChunkedText text = new ChunkedText("");
        StringBuilder model = new StringBuilder();
        int step = 0;
        for (String piece : steps) {
            text.append(piece);
            model.append(piece);
            // Read after some appends only, so that both folded and unfolded states are checked.
            int probe = probes.get(step++ % probes.size());
            if (probe % 3 == 0) {
                assertThat(text.toString()).isEqualTo(model.toString());
            }
            checkReads(text, model, probe);
        }
        Statistics.label("length").collect(model.length() < 2048 ? "one chunk" : model.length() < 20_000 ? "some" : "many");
        assertThat(text.toString()).isEqualTo(model.toString());
        assertThat(text.toString()).isSameAs(text.toString()); // cached until the next append
        checkReads(text, model, 7);
    }

    private static void checkReads(ChunkedText text, StringBuilder model, int probe) {
        int n = model.length();
        assertThat(text.length()).isEqualTo(n);
        if (n == 0) {
            return;
        }
        for (int i : new int[] {0, n - 1, probe % n, n / 2, Math.max(0, n - 2049)}) {
            assertThat(text.charAt(i)).as("charAt(%d) of %d", i, n).isEqualTo(model.charAt(i));
        }
        int start = probe % n;
        int end = start + (probe * 31 % (n - start + 1));
        assertThat(text.subSequence(start, end).toString()).as("[%d, %d) of %d", start, end, n)
                .isEqualTo(model.substring(start, end));
        assertThat(text.subSequence(0, n).toString()).isEqualTo(model.toString());
    }

    @Provide
    Arbitrary<List<String>> steps() {
        Arbitrary<String> tiny = Arbitraries.strings().withChars("ab \u00e9").ofMaxLength(12);
        Arbitrary<String> unicode = Arbitraries.strings().withChars("x\u2014\ud83c\udf0a").ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> nearSeal = Arbitraries.strings().withChars("cd").ofMinLength(2000).ofMaxLength(2100);
        Arbitrary<String> large = Arbitraries.strings().withChars("e\u00fc").ofMinLength(2048).ofMaxLength(9000);
        return Arbitraries.frequencyOf(
                Tuple.of(20, tiny), Tuple.of(5, unicode),
                Tuple.of(2, nearSeal), Tuple.of(1, large))
                .list().ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> probes() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMinSize(1).ofMaxSize(8);
    }

    @Test
    void refusesIndicesOutsideTheText() {
        ChunkedText text = new ChunkedText("x".repeat(3000));
        text.append("yz");
        assertThat(text.charAt(3001)).isEqualTo('z');
        assertThatThrownBy(() -> text.charAt(3002)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.charAt(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.subSequence(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.subSequence(0, 3003)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
