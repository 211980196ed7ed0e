package dev.brook.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.CallInfo;
import dev.brook.core.client.CallListener;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The application's own Brook wins; its listener and customizer beans reach the auto-configured one. */
class BackOffAndCustomizationTest {
    private FakeMessagesServer server;
    private ApplicationContextRunner runner;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BrookAutoConfiguration.class))
                .withPropertyValues("brook.api-key=sk-ant-backoff", "brook.base-url=" + server.baseUri(),
                        "brook.max-retries=0");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBrook {
        @Bean
        Brook myBrook() {
            return Brook.builder().apiKey("sk-ant-own").baseUrl("http://127.0.0.1:1").build();
        }

        @Bean
        OkHttpClient appOkHttpClient() {
            return new OkHttpClient();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {
        static final List<String> SEEN = new CopyOnWriteArrayList<>();

        @Bean
        CallListener.Factory recordingListener() {
            return info -> new CallListener() {
                @Override
                public void callStart(CallInfo call) {
                    SEEN.add("start " + call.model());
                }

                @Override
                public void callEnd(CallInfo call) {
                    SEEN.add("end");
                }
            };
        }

        @Bean
        @Order(2)
        BrookCustomizer second() {
            return builder -> builder.addBeta("second-beta");
        }

        @Bean
        @Order(1)
        BrookCustomizer first() {
            return builder -> builder.addBeta("first-beta");
        }
    }

    @Test
    void theApplicationsBrookBeanReplacesTheAutoConfiguredOneAndNoTransportIsMade() {
        runner.withUserConfiguration(OwnBrook.class).run(context -> {
            assertThat(context).hasSingleBean(Brook.class);
            assertThat(context).hasBean("myBrook");
            assertThat(context).doesNotHaveBean(Transport.class);
            assertThat(context.getBean(Brook.class).toString()).contains("127.0.0.1:1");
        });
    }

    @Test
    void listenerBeansAreInstalledAndCustomizersRunInOrder() {
        Listeners.SEEN.clear();
        runner.withUserConfiguration(Listeners.class).run(context -> {
            assertThat(Replies.callThrough(context.getBean(Brook.class), server).header("anthropic-beta"))
                    .contains("first-beta,second-beta");
            assertThat(Listeners.SEEN).containsExactly("start claude-spring", "end");
        });
    }
}
