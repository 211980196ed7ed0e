package dev.brook.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.json.JsonValue;
import dev.brook.core.request.MessageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoint value types on their own: their checks, and the typing of batch result lines. */
class EndpointValuesTest {
    private static final MessageRequest REQUEST =
            MessageRequest.builder().model("claude-opus-4-6").maxTokens(16).addUserMessage("Hi").build();

    @Test
    void pageRequestsAreImmutableAndCheckTheirLimit() {
        PageRequest first = PageRequest.first();
        PageRequest twenty = first.withLimit(20);
        assertThat(first.limit()).isEmpty();
        assertThat(twenty.limit()).hasValue(20);
        assertThat(PageRequest.ofLimit(1000).limit()).hasValue(1000);
        PageRequest after = twenty.withAfterId("a");
        PageRequest before = after.withBeforeId("b");
        assertThat(after.afterId()).contains("a");
        assertThat(before.afterId()).as("a before cursor drops the after one").isEmpty();
        assertThat(before.beforeId()).contains("b");
        assertThat(before.limit()).hasValue(20);
        assertThat(twenty.afterId()).isEmpty();
        for (int bad : new int[] {0, -1, 1001}) {
            assertThatIllegalArgumentException().isThrownBy(() -> PageRequest.ofLimit(bad))
                    .withMessage("limit must be 1 to 1000: " + bad);
        }
        assertThatThrownBy(() -> first.withAfterId(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "has space", "dots.not.allowed", "ü",
        "x12345678901234567890123456789012345678901234567890123456789012345"})
    void batchRequestsRefuseCustomIdsTheApiRefuses(String customId) {
        assertThatIllegalArgumentException().isThrownBy(() -> BatchRequest.of(customId, REQUEST))
                .withMessageStartingWith("customId must be 1 to 64 of [a-zA-Z0-9_-]");
    }

    @Test
    void batchRequestsTakeTheIdsTheApiTakes() {
        assertThat(BatchRequest.of("a", REQUEST).customId()).isEqualTo("a");
        assertThat(BatchRequest.of("Req_01-x", REQUEST).params()).isEqualTo(REQUEST);
        assertThat(BatchRequest.of("x".repeat(64), REQUEST).customId()).hasSize(64);
        assertThatThrownBy(() -> BatchRequest.of("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void everyResultLineIsTypedAndAnUnknownKindIsKeptWhole() {
        String message = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"Hi!\"}],\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}";
        assertThat(BatchResult.fromJson("{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\",\"message\":"
                + message + "}}")).isInstanceOfSatisfying(BatchResult.Succeeded.class, ok -> {
                    assertThat(ok.customId()).isEqualTo("a");
                    assertThat(ok.message().text()).isEqualTo("Hi!");
                    assertThat(ok.type()).isEqualTo("succeeded");
                });
        assertThat(BatchResult.fromJson("{\"custom_id\":\"b\",\"result\":{\"type\":\"errored\",\"error\":"
                + "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":\"bad model\"}}}}"))
                .isInstanceOfSatisfying(BatchResult.Errored.class, e -> {
                    assertThat(e.errorType()).isEqualTo("invalid_request_error");
                    assertThat(e.errorMessage()).isEqualTo("bad model");
                });
        assertThat(BatchResult.fromJson("{\"custom_id\":\"c\",\"result\":{\"type\":\"canceled\"}}"))
                .isInstanceOf(BatchResult.Canceled.class);
        assertThat(BatchResult.fromJson("{\"custom_id\":\"d\",\"result\":{\"type\":\"expired\"}}"))
                .isInstanceOf(BatchResult.Expired.class);
        assertThat(BatchResult.fromJson("{\"custom_id\":\"e\",\"result\":{\"type\":\"future\",\"x\":[1]}}"))
                .isInstanceOfSatisfying(BatchResult.Unknown.class, u -> {
                    assertThat(u.type()).isEqualTo("future");
                    assertThat(u.result()).isEqualTo(JsonValue.parse("{\"type\":\"future\",\"x\":[1]}"));
                });
    }

    @Test
    void aLineThatIsNotAResultSaysWhy() {
        assertThatIllegalArgumentException().isThrownBy(() -> BatchResult.fromJson("{\"custom_id\":\"a\"}"))
                .withMessageContaining("'result' of a is missing");
        assertThatIllegalArgumentException().isThrownBy(() -> BatchResult.fromJson(
                "{\"custom_id\":\"a\",\"result\":{\"type\":\"succeeded\"}}"))
                .withMessageContaining("'result.message' of a is not an object");
        assertThatIllegalArgumentException().isThrownBy(() -> BatchResult.fromJson("not json"));
    }
}
