package dev.brook.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestOptionsTest {

    @Test
    void unsetSettingsAreEmptySoTheClientsApply() {
        RequestOptions none = RequestOptions.none();
        assertThat(none.headers()).isEmpty();
        assertThat(none.betas()).isEmpty();
        assertThat(none.idleTimeout()).isEmpty();
        assertThat(none.totalTimeout()).isEmpty();
        assertThat(none.maxRetries()).isEmpty();
        assertThat(none).hasToString("RequestOptions{}");
    }

    @Test
    void headersAreKeptByLowerCaseNameInOrderAndToStringShowsNoValue() {
        RequestOptions o = RequestOptions.builder().header("X-Trace", "secret-trace").header("x-trace", "two")
                .addBeta("b1").idleTimeout(Duration.ofSeconds(1)).maxRetries(0).build();
        assertThat(o.headers()).containsEntry("x-trace", java.util.List.of("secret-trace", "two"));
        assertThat(o.toString()).isEqualTo("RequestOptions{headers=[x-trace], betas=[b1], idleTimeout=PT1S, maxRetries=0}")
                .doesNotContain("secret-trace");
    }

    @Test
    void credentialsCannotBeReplacedPerCallAndTheMessageSaysWhereTheyBelong() {
        assertThatThrownBy(() -> RequestOptions.builder().header("X-Api-Key", "sk-other"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Header 'x-api-key' is set by Brook and cannot be given per call; use a client with other"
                        + " credentials: brook.newBuilder().apiKey(...).build().");
        assertThatThrownBy(() -> RequestOptions.builder().header("content-type", "text/plain"))
                .hasMessage("Header 'content-type' is set by Brook and cannot be given per call.");
    }

    @Test
    void outOfRangeValuesAreRefusedByName() {
        assertThatThrownBy(() -> RequestOptions.builder().idleTimeout(Duration.ofSeconds(-1)))
                .hasMessage("idleTimeout must not be negative: PT-1S");
        assertThatThrownBy(() -> RequestOptions.builder().maxRetries(11))
                .hasMessage("maxRetries must be between 0 and 10: 11");
        assertThatThrownBy(() -> RequestOptions.builder().addBeta(" ")).hasMessage("beta must not be blank");
    }
}
