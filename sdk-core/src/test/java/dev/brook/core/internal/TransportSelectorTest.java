package dev.brook.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.client.Brook;
import dev.brook.core.error.NoTransportException;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportSelectorTest {
    private static TransportProvider provider(String name, int priority) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public Transport create(TransportConfig config) {
                throw new AssertionError("selection must not create transports");
            }
        };
    }

    private final TransportProvider jdk = provider("jdk", 0);
    private final TransportProvider okhttp = provider("okhttp", 30);
    private final TransportProvider apache = provider("apache", 20);

    @Test
    void noProviderNamesTheModulesToAdd() {
        assertThatThrownBy(() -> TransportSelector.select(List.of(), null, null, null))
                .isInstanceOf(NoTransportException.class)
                .hasMessage("No Brook transport found on the class path. Add one of: brook-transport-jdk, "
                        + "brook-transport-okhttp, brook-transport-apache, brook-transport-vertx.");
    }

    @Test
    void singleProviderIsChosen() {
        assertThat(TransportSelector.select(List.of(apache), null, null, null)).isSameAs(apache);
    }

    @Test
    void highestPriorityWinsAmongSeveral() {
        assertThat(TransportSelector.select(List.of(jdk, okhttp, apache), null, null, null)).isSameAs(okhttp);
    }

    @Test
    void builderNameBeatsPropertyWhichBeatsEnvironment() {
        List<TransportProvider> all = List.of(jdk, okhttp, apache);
        assertThat(TransportSelector.select(all, "apache", "jdk", "okhttp")).isSameAs(apache);
        assertThat(TransportSelector.select(all, null, "jdk", "okhttp")).isSameAs(jdk);
        assertThat(TransportSelector.select(all, null, " ", "OKHTTP")).isSameAs(okhttp);
    }

    @Test
    void unknownRequestedNameSaysWhereItCameFromAndWhatWasFound() {
        assertThatThrownBy(() -> TransportSelector.select(List.of(jdk, apache), null, "vertx", null))
                .isInstanceOf(NoTransportException.class)
                .hasMessage("No Brook transport named 'vertx' (asked for by system property brook.transport=vertx). "
                        + "Found: jdk, apache. Add the module brook-transport-vertx or choose one of those found.");
    }
}
