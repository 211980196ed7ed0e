package dev.brook.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrookVersionTest {

    @Test
    void versionIsTheMavenProjectVersion() {
        // Surefire passes ${project.version} (root pom); Brook.VERSION reads what the build wrote into its resource.
        String expected = System.getProperty("brook.expectedVersion");
        assertThat(expected).as("system property brook.expectedVersion, set by the pom's surefire configuration")
                .isNotBlank();
        assertThat(Brook.VERSION).isEqualTo(expected);
    }
}
