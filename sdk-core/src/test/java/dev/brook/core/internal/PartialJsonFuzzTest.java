package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The partial-JSON reader on fuzzer-chosen text:
 * <ul>
 *   <li>it never throws, and its scan reads each character a bounded number of times (linear time,
 *       counted, not timed: the rest of its work is one Jackson parse of at most the text);</li>
 *   <li>when the text is complete JSON its value is the strict parser's;</li>
 *   <li>the value of every prefix of a complete document is consistent with the whole's: each member
 *       it shows is in the whole with a consistent value, array elements are a prefix of the whole's,
 *       an open string a prefix of the whole's string, and every finished scalar equal.</li>
 * </ul>
 */
class PartialJsonFuzzTest {
    /** Reads per character the scan may take: the scan, then at most one copy of the safe prefix. */
    private static final int READS_PER_CHAR = 3;
    /** Documents up to this length have every prefix checked, longer ones the fuzzer's chosen cut. */
    private static final int ALL_PREFIXES_UP_TO = 256;
    private static final JsonFactory STRICT =
            Json.FACTORY.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    @FuzzTest(maxDuration = "10m")
    void neverThrowsAndAgreesWithTheStrictParser(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 1 << 16);
        String text = data.consumeRemainingAsString();
        CountingText counted = new CountingText(text);
        JsonNode partial = PartialJson.parse(counted);
        assertThat(counted.reads).as("characters read for %d characters of input", text.length())
                .isLessThanOrEqualTo((long) READS_PER_CHAR * text.length() + 8);
        if (!PartialJson.isComplete(text)) {
            return;
        }
        JsonValue strict;
        try {
            strict = JsonValue.parse(text);
        } catch (IllegalArgumentException outOfRange) {
            // Documented: a number no BigDecimal can hold (found by this test) is refused, not thrown raw.
            assertThat(outOfRange).hasMessageContaining("a number out of range");
            return;
        }
        assertThat(JsonValueCodec.fromTree(partial)).isEqualTo(strict);
        if (hasDuplicateKeys(text)) {
            return; // the last duplicate wins in the whole, so a prefix may rightly show an earlier value
        }
        if (text.length() <= ALL_PREFIXES_UP_TO) {
            for (int end = 0; end < text.length(); end++) {
                assertConsistent(text, end, partial);
            }
        } else {
            assertConsistent(text, Math.min(cut, text.length()), partial);
        }
    }

    private static void assertConsistent(String text, int end, JsonNode whole) {
        JsonNode prefix = PartialJson.parse(text.substring(0, end));
        assertThat(consistent(prefix, whole, true))
                .as("value of the first %d characters, %s, against the whole's %s", end, prefix, whole)
                .isTrue();
    }

    /**
     * Whether {@code part}, read from a prefix, agrees with {@code whole}. A top-level number is the one
     * scalar a prefix may shorten ({@code 12} of {@code 123} is itself complete JSON).
     */
    private static boolean consistent(JsonNode part, JsonNode whole, boolean topLevel) {
        if (part.isMissingNode()) {
            return true;
        }
        if (whole.isObject()) {
            if (!part.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = part.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                JsonNode inWhole = whole.get(member.getKey());
                if (inWhole == null || !consistent(member.getValue(), inWhole, false)) {
                    return false;
                }
            }
            return true;
        }
        if (whole.isArray()) {
            if (!part.isArray() || part.size() > whole.size()) {
                return false;
            }
            for (int i = 0; i < part.size(); i++) {
                if (!consistent(part.get(i), whole.get(i), false)) {
                    return false;
                }
            }
            return true;
        }
        if (whole.isTextual()) {
            return part.isTextual() && whole.textValue().startsWith(part.textValue());
        }
        if (whole.isNumber() && topLevel) {
            return part.isNumber();
        }
        return JsonValueCodec.fromTree(part).equals(JsonValueCodec.fromTree(whole));
    }

    private static boolean hasDuplicateKeys(String text) {
        try (JsonParser p = STRICT.createParser(text)) {
            while (p.nextToken() != null) {
                // reading every token is the check
            }
            return false;
        } catch (IOException duplicate) {
            return true; // the text is complete JSON, so the only error left is a duplicate key
        }
    }

    /** The text, counting every character read through it. */
    private static final class CountingText implements CharSequence {
        private final String text;
        long reads;

        CountingText(String text) {
            this.text = text;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            reads++;
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            reads += end - start;
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            reads += text.length();
            return text;
        }
    }
}
