package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void theCallsOwnCredentialIsMaskedWhereverItIsEchoed() {
        assertThat(SecretMask.mask("bad key proxy-key-123456 (proxy-key-123456)", List.of("proxy-key-123456")))
                .isEqualTo("bad key [redacted] ([redacted])");
    }

    @Test
    void anythingShapedLikeAnAnthropicKeyIsMaskedEvenCutShort() {
        assertThat(SecretMask.mask("invalid x-api-key: sk-ant-api03-abcdEFGH_1234-xyz...", List.of()))
                .isEqualTo("invalid x-api-key: [redacted]...");
    }

    @Test
    void shortValuesAndTextWithoutSecretsAreLeftAlone() {
        assertThat(SecretMask.mask("the key abc is wrong", List.of("abc"))).isEqualTo("the key abc is wrong");
        assertThat(SecretMask.mask("rate limited", List.of("sk-ant-long-enough-key"))).isEqualTo("rate limited");
    }
}
