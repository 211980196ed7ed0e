package dev.brook.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete {@code brook.*} from, as spring-boot-configuration-processor wrote it. */
class ConfigurationMetadataTest {
    @Test
    void everyPropertyIsDescribedAndTheTransportsAreHinted() throws Exception {
        JsonNode metadata = null;
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode node = new ObjectMapper().readTree(in);
                if (node.path("groups").path(0).path("name").asText().equals("brook")) {
                    metadata = node;
                }
            }
        }
        assertThat(metadata).as("brook's spring-configuration-metadata.json on the class path").isNotNull();
        Map<String, String> described = new LinkedHashMap<>();
        metadata.path("properties").forEach(p -> described.put(p.path("name").asText(), p.path("description").asText()));
        assertThat(described).containsOnlyKeys("brook.api-key", "brook.auth-token", "brook.base-url",
                "brook.connect-timeout", "brook.idle-timeout", "brook.total-timeout", "brook.max-retries",
                "brook.max-event-size", "brook.transport", "brook.betas", "brook.micrometer.enabled");
        described.forEach((name, description) -> assertThat(description).as(name)
                .isNotBlank().doesNotContain("{@").endsWith("."));
        List<String> transports = new ArrayList<>();
        metadata.path("hints").forEach(h -> {
            if (h.path("name").asText().equals("brook.transport")) {
                h.path("values").forEach(v -> transports.add(v.path("value").asText()));
            }
        });
        assertThat(transports).containsExactly("jdk", "okhttp", "apache", "vertx");
    }
}
