package dev.brook.foundry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoundryEnvTest {
    @Test
    void theResourceNamesTheEndpoint() {
        FoundryBackend backend = FoundryBackend.builder()
                .fromEnv(Map.of("ANTHROPIC_FOUNDRY_RESOURCE", "my-resource", "ANTHROPIC_FOUNDRY_API_KEY", "k"))
                .build();

        assertThat(backend.baseUrl()).isEqualTo(URI.create("https://my-resource.services.ai.azure.com/anthropic"));
        assertThat(backend.endpoint()).isEqualTo(backend.baseUrl());
        assertThat(backend.name()).isEqualTo("foundry");
        assertThat(backend.secrets()).containsExactly("k");
    }

    @Test
    void theBaseUrlVariableWinsOverTheResource() {
        FoundryBackend backend = FoundryBackend.builder()
                .fromEnv(Map.of("ANTHROPIC_FOUNDRY_RESOURCE", "my-resource",
                        "ANTHROPIC_FOUNDRY_BASE_URL", "https://gateway.example.com/foundry/anthropic/",
                        "ANTHROPIC_FOUNDRY_API_KEY", "k"))
                .build();

        assertThat(backend.baseUrl()).isEqualTo(URI.create("https://gateway.example.com/foundry/anthropic"));
    }

    @Test
    void laterSettingsWinAndBlankVariablesAreIgnored() {
        FoundryBackend backend = FoundryBackend.builder()
                .fromEnv(Map.of("ANTHROPIC_FOUNDRY_RESOURCE", "from-env", "ANTHROPIC_FOUNDRY_API_KEY", "k",
                        "ANTHROPIC_FOUNDRY_BASE_URL", " "))
                .resource("explicit")
                .tokenSupplier(() -> "t")
                .build();

        assertThat(backend.baseUrl()).isEqualTo(URI.create("https://explicit.services.ai.azure.com/anthropic"));
        assertThat(backend.toString()).endsWith("auth=bearer token}");
    }

    @Test
    void missingSettingsNameTheVariablesAndSetters() {
        assertThatThrownBy(() -> FoundryBackend.builder().apiKey("k").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No Foundry resource: set ANTHROPIC_FOUNDRY_RESOURCE or ANTHROPIC_FOUNDRY_BASE_URL (read by "
                        + "fromEnv()), or call FoundryBackend.builder().resource(...) or baseUrl(...).");
        assertThatThrownBy(() -> FoundryBackend.builder().fromEnv(Map.of("ANTHROPIC_FOUNDRY_RESOURCE", "r")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("No Foundry credentials: set ANTHROPIC_FOUNDRY_API_KEY (read by fromEnv()), or call "
                        + "FoundryBackend.builder().apiKey(...) or, for Entra ID, tokenSupplier(...).");
    }

    @Test
    void aUrlIsNotAResourceName() {
        assertThatThrownBy(() -> FoundryBackend.builder().fromEnv(Map.of("ANTHROPIC_FOUNDRY_RESOURCE",
                "https://my-resource.services.ai.azure.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ANTHROPIC_FOUNDRY_RESOURCE: resource must be a Foundry resource name")
                .hasMessageContaining("for a full URL use baseUrl(...)");
        assertThatThrownBy(() -> FoundryBackend.builder().apiKey(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("apiKey must not be blank");
    }
}
