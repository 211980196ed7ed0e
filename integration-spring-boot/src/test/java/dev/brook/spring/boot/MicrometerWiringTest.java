package dev.brook.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.micrometer.MicrometerCallListener;
import dev.brook.testkit.FakeMessagesServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's Micrometer registries record Brook's calls, with brook-micrometer's names. */
class MicrometerWiringTest {
    private static final String DURATION = "gen_ai.client.operation.duration";
    private static final String OBSERVATION = "gen_ai.client.operation";

    private FakeMessagesServer server;
    private ApplicationContextRunner runner;
    private LogCapture log;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        log = new LogCapture();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BrookAutoConfiguration.class))
                .withPropertyValues("brook.api-key=sk-ant-micrometer", "brook.base-url=" + server.baseUri(),
                        "brook.max-retries=0");
    }

    @AfterEach
    void stop() {
        log.close();
        server.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Observations {
        @Bean
        ObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnListener {
        @Bean
        MicrometerCallListener myListener(MeterRegistry meters, ObservationRegistry observations) {
            return MicrometerCallListener.builder(meters).observationRegistry(observations).build();
        }
    }

    @Test
    void bothRegistriesRecordEveryCall() {
        runner.withUserConfiguration(Meters.class, Observations.class).run(context -> {
            Replies.callThrough(context.getBean(Brook.class), server);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get(DURATION).timer().count()).isEqualTo(1);
            assertThat(meters.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary().totalAmount())
                    .isEqualTo(4.0);
            TestObservationRegistryAssert.assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
                    .hasNumberOfObservationsWithNameEqualTo(OBSERVATION, 1)
                    .hasObservationWithNameEqualTo(OBSERVATION).that()
                    .hasContextualNameEqualTo("chat claude-spring").hasBeenStopped();
            assertThat(log.all()).contains("Brook records its calls with Micrometer (MeterRegistry SimpleMeterRegistry, ObservationRegistry)");
        });
    }

    @Test
    void aMeterRegistryAloneGetsTheMeters() {
        runner.withUserConfiguration(Meters.class).run(context -> {
            Replies.callThrough(context.getBean(Brook.class), server);
            assertThat(context.getBean(MeterRegistry.class).get(DURATION).timer().count()).isEqualTo(1);
        });
    }

    @Test
    void anObservationRegistryAloneGetsTheObservation() {
        runner.withUserConfiguration(Observations.class).run(context -> {
            Replies.callThrough(context.getBean(Brook.class), server);
            TestObservationRegistryAssert.assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
                    .hasNumberOfObservationsWithNameEqualTo(OBSERVATION, 1);
            assertThat(log.all()).contains("(no MeterRegistry, ObservationRegistry)");
        });
    }

    @Test
    void withoutARegistryNothingIsInstalled() {
        runner.run(context -> {
            Replies.callThrough(context.getBean(Brook.class), server);
            assertThat(log.all()).doesNotContain("Micrometer");
        });
    }

    @Test
    void brookMicrometerEnabledFalseTurnsItOff() {
        runner.withUserConfiguration(Meters.class, Observations.class).withPropertyValues("brook.micrometer.enabled=false")
                .run(context -> {
                    Replies.callThrough(context.getBean(Brook.class), server);
                    assertThat(context.getBean(MeterRegistry.class).find(DURATION).timer()).isNull();
                    TestObservationRegistryAssert.assertThat(
                            (TestObservationRegistry) context.getBean(ObservationRegistry.class)).doesNotHaveAnyObservation();
                });
    }

    @Test
    void withoutBrookMicrometerOnTheClassPathNothingIsInstalled() {
        runner.withUserConfiguration(Meters.class, Observations.class)
                .withClassLoader(new FilteredClassLoader(MicrometerCallListener.class)).run(context -> {
                    assertThat(context).doesNotHaveBean("brookMicrometerCustomizer");
                    Replies.callThrough(context.getBean(Brook.class), server);
                    assertThat(context.getBean(MeterRegistry.class).find(DURATION).timer()).isNull();
                });
    }

    @Test
    void theApplicationsOwnListenerIsUsedOnceInsteadOfOurs() {
        runner.withUserConfiguration(Meters.class, Observations.class, OwnListener.class).run(context -> {
            assertThat(context).doesNotHaveBean("brookMicrometerCustomizer");
            Replies.callThrough(context.getBean(Brook.class), server);
            assertThat(context.getBean(MeterRegistry.class).get(DURATION).timer().count()).isEqualTo(1);
            TestObservationRegistryAssert.assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
                    .hasNumberOfObservationsWithNameEqualTo(OBSERVATION, 1);
        });
    }
}
