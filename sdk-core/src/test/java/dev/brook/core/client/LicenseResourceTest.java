package dev.brook.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LicenseResourceTest {

    @Test
    void coreCarriesTheRepositoryLicenseAsMetaInfLicense() throws Exception {
        Path license = Path.of(System.getProperty("brook.license"));
        // Where Brook's own classes are, which the jar plugin packs whole: the dependencies carry
        // META-INF/LICENSE files of their own, so a look-up on the class path as a whole would prove nothing.
        // (The packed jars, sources and javadoc jars included, are checked by sdk-cli's PublishedArtifactsTest.)
        Path classes = Path.of(Brook.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes).isDirectory();
        assertThat(classes.resolve("META-INF/LICENSE")).exists();
        assertThat(Files.readString(classes.resolve("META-INF/LICENSE")))
                .contains("Apache License", "Version 2.0, January 2004")
                .isEqualTo(Files.readString(license));
    }
}
