package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.json.JsonValue;

/**
 * The partial-JSON reader on fuzzer-chosen text: it never throws; when the text is complete JSON its
 * value is the strict parser's; and every prefix of a complete document reads without error.
 */
class PartialJsonFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void neverThrowsAndAgreesWithTheStrictParser(FuzzedDataProvider data) {
        int cut = data.consumeInt(0, 1 << 16);
        String text = data.consumeRemainingAsString();
        JsonNode partial = PartialJson.parse(text);
        if (PartialJson.isComplete(text)) {
            JsonValue strict;
            try {
                strict = JsonValue.parse(text);
            } catch (IllegalArgumentException outOfRange) {
                // Documented: a number no BigDecimal can hold (found by this test) is refused, not thrown raw.
                assertThat(outOfRange).hasMessageContaining("a number out of range");
                return;
            }
            assertThat(JsonValueCodec.fromTree(partial)).isEqualTo(strict);
            String prefix = text.substring(0, Math.min(cut, text.length()));
            PartialJson.parse(prefix); // must not throw
        }
    }
}
