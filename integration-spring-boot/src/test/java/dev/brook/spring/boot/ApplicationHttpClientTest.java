package dev.brook.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.StreamListener;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.transport.apache.ApacheTransport;
import dev.brook.transport.okhttp.OkHttpTransport;
import dev.brook.transport.vertx.VertxTransport;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every case of the application's own HTTP client: one bean of each supported type is used (each client
 * marks its requests, so the server shows whose client sent them), and none, several, or one whose
 * transport is missing fall back to discovery; the startup log says which and why.
 */
class ApplicationHttpClientTest {
    private static final String MARK = "x-application-client";

    private FakeMessagesServer server;
    private ApplicationContextRunner runner;
    private LogCapture log;

    @BeforeEach
    void start() {
        server = new FakeMessagesServer().start();
        log = new LogCapture();
        runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(BrookAutoConfiguration.class))
                .withPropertyValues("brook.api-key=sk-ant-clients", "brook.base-url=" + server.baseUri(),
                        "brook.max-retries=0");
    }

    @AfterEach
    void stop() {
        log.close();
        server.close();
    }

    @Configuration(proxyBeanMethods = false)
    static class JdkClient {
        /** The JDK client has no interceptors; a cookie handler is the way it adds a header of its own. */
        @Bean
        HttpClient appHttpClient() {
            return HttpClient.newBuilder().cookieHandler(new CookieHandler() {
                @Override
                public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
                    return Map.of("Cookie", List.of("client=jdk"));
                }

                @Override
                public void put(URI uri, Map<String, List<String>> headers) throws IOException {
                }
            }).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OkHttp {
        @Bean
        OkHttpClient appOkHttpClient() {
            return new OkHttpClient.Builder()
                    .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(MARK, "okhttp").build()))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class SecondOkHttp {
        @Bean
        OkHttpClient otherOkHttpClient() {
            return new OkHttpClient();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApacheClassic {
        @Bean
        CloseableHttpClient appClassicClient() {
            return HttpClients.custom()
                    .addRequestInterceptorFirst((request, entity, context) -> request.addHeader(MARK, "apache-classic"))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApacheAsync {
        @Bean(initMethod = "start")
        CloseableHttpAsyncClient appAsyncClient() {
            return ApacheTransport.withAbortSupport(HttpAsyncClients.custom())
                    .addRequestInterceptorFirst((request, entity, context) -> request.addHeader(MARK, "apache-async"))
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApacheAsyncNotStarted {
        @Bean
        CloseableHttpAsyncClient appAsyncClient() {
            return HttpAsyncClients.createDefault();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class VertxInstance {
        @Bean
        Vertx appVertx() {
            return Vertx.vertx();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnTransport {
        @Bean
        Transport appTransport(OkHttpClient appOkHttpClient) {
            return OkHttpTransport.of(appOkHttpClient.newBuilder()
                    .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(MARK, "own-transport").build()))
                    .build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoTransports {
        @Bean
        Transport firstTransport() {
            return OkHttpTransport.of(new OkHttpClient());
        }

        @Bean
        Transport secondTransport() {
            return OkHttpTransport.of(new OkHttpClient());
        }
    }

    @Test
    void aJdkHttpClientBeanIsUsed() {
        runner.withUserConfiguration(JdkClient.class).run(context -> {
            Brook brook = context.getBean(Brook.class);
            assertThat(brook.transportName()).isEqualTo("jdk");
            assertThat(Replies.callThrough(brook, server).header("cookie")).contains("client=jdk");
            assertThat(context).hasBean(BrookAutoConfiguration.TRANSPORT_BEAN);
            assertThat(log.all()).contains("Brook uses the application's HttpClient bean 'appHttpClient' (transport jdk)");
        });
    }

    @Test
    void anOkHttpClientBeanIsUsed() {
        runner.withUserConfiguration(OkHttp.class).run(context -> {
            Brook brook = context.getBean(Brook.class);
            assertThat(brook.transportName()).isEqualTo("okhttp");
            assertThat(Replies.callThrough(brook, server).header(MARK)).contains("okhttp");
            assertThat(log.all()).contains("OkHttpClient bean 'appOkHttpClient' (transport okhttp)");
        });
    }

    @Test
    void anApacheClassicClientBeanIsUsed() {
        runner.withUserConfiguration(ApacheClassic.class).run(context -> {
            Brook brook = context.getBean(Brook.class);
            assertThat(brook.transportName()).isEqualTo("apache");
            assertThat(Replies.callThrough(brook, server).header(MARK)).contains("apache-classic");
            assertThat(log.all()).contains("CloseableHttpClient bean 'appClassicClient' (transport apache)");
        });
    }

    @Test
    void anApacheAsyncClientBeanIsUsedForSyncAndAsyncStreams() {
        runner.withUserConfiguration(ApacheAsync.class).run(context -> {
            Brook brook = context.getBean(Brook.class);
            assertThat(brook.transportName()).isEqualTo("apache");
            assertThat(Replies.callThrough(brook, server).header(MARK)).contains("apache-async");
            server.enqueue(Replies.reply());
            assertThat(brook.messages().streamAsync(Replies.REQUEST, new StreamListener() { })
                    .finalMessage().get(10, TimeUnit.SECONDS).text())
                    .isEqualTo(Replies.TEXT);
            assertThat(server.takeRequest(java.time.Duration.ofSeconds(5)).orElseThrow().header(MARK))
                    .contains("apache-async");
            assertThat(log.all()).contains("CloseableHttpAsyncClient bean 'appAsyncClient' (transport apache)");
        });
    }

    @Test
    void anApacheAsyncClientThatWasNeverStartedFailsTheContextSayingHowToStartIt() {
        runner.withUserConfiguration(ApacheAsyncNotStarted.class).run(context ->
                assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("CloseableHttpAsyncClient bean 'appAsyncClient'")
                        .hasStackTraceContaining("@Bean(initMethod = \"start\")"));
    }

    @Test
    void aVertxBeanRunsTheStreamsOnItsEventLoops() {
        runner.withUserConfiguration(VertxInstance.class).run(context -> {
            Vertx vertx = context.getBean(Vertx.class);
            Brook brook = context.getBean(Brook.class);
            assertThat(brook.transportName()).isEqualTo("vertx");
            assertThat(context.getBean(Transport.class)).isInstanceOf(VertxTransport.class);
            server.enqueue(Replies.reply());
            CompletableFuture<Vertx> owner = new CompletableFuture<>();
            AsyncMessageStream stream = brook.messages().streamAsync(Replies.REQUEST, new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    Context current = Vertx.currentContext();
                    owner.complete(current == null ? null : current.owner());
                }
            });
            assertThat(stream.finalMessage().get(10, TimeUnit.SECONDS).text()).isEqualTo(Replies.TEXT);
            assertThat(owner.get(10, TimeUnit.SECONDS)).isSameAs(vertx);
            assertThat(log.all()).contains("Vertx bean 'appVertx' (transport vertx)");
        });
    }

    @Test
    void withNoClientBeanBrookDiscoversAndSaysWhy() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(BrookAutoConfiguration.TRANSPORT_BEAN);
            assertThat(Replies.callThrough(context.getBean(Brook.class), server).header(MARK)).isEmpty();
            assertThat(log.all()).contains("Brook discovered transport")
                    .contains("no HTTP client bean it can use");
        });
    }

    @Test
    void twoBeansOfOneTypeAreNotGuessedBetween() {
        runner.withUserConfiguration(OkHttp.class, SecondOkHttp.class).run(context -> {
            assertThat(context).doesNotHaveBean(BrookAutoConfiguration.TRANSPORT_BEAN);
            assertThat(Replies.callThrough(context.getBean(Brook.class), server).header(MARK)).isEmpty();
            assertThat(log.all()).contains("several HTTP client beans it could use")
                    .contains("OkHttpClient bean 'appOkHttpClient'").contains("OkHttpClient bean 'otherOkHttpClient'")
                    .contains("set brook.transport or define a Transport bean");
        });
    }

    @Test
    void beansOfTwoTypesAreNotGuessedBetweenUntilBrookTransportNamesOne() {
        runner.withUserConfiguration(JdkClient.class, OkHttp.class).run(context -> {
            assertThat(context).doesNotHaveBean(BrookAutoConfiguration.TRANSPORT_BEAN);
            RecordedRequest request = Replies.callThrough(context.getBean(Brook.class), server);
            assertThat(request.header(MARK)).isEmpty();
            assertThat(request.header("cookie")).isEmpty();
            assertThat(log.all()).contains("HttpClient bean 'appHttpClient'").contains("OkHttpClient bean 'appOkHttpClient'");
        });
        runner.withUserConfiguration(JdkClient.class, OkHttp.class).withPropertyValues("brook.transport=okhttp")
                .run(context -> {
                    assertThat(Replies.callThrough(context.getBean(Brook.class), server).header(MARK)).contains("okhttp");
                    assertThat(context.getBean(Brook.class).transportName()).isEqualTo("okhttp");
                });
        runner.withUserConfiguration(JdkClient.class, OkHttp.class).withPropertyValues("brook.transport=jdk")
                .run(context -> assertThat(Replies.callThrough(context.getBean(Brook.class), server).header("cookie"))
                        .contains("client=jdk"));
    }

    @Test
    void brookTransportNamingAnotherStackIgnoresTheClientBean() {
        runner.withUserConfiguration(OkHttp.class).withPropertyValues("brook.transport=jdk").run(context -> {
            assertThat(context).doesNotHaveBean(BrookAutoConfiguration.TRANSPORT_BEAN);
            Brook brook = context.getBean(Brook.class);
            assertThat(brook.transportName()).isEqualTo("jdk");
            assertThat(Replies.callThrough(brook, server).header(MARK)).isEmpty();
            assertThat(log.all()).contains("no HTTP client bean it can use for brook.transport=jdk");
        });
    }

    @Test
    void aClientBeanWhoseTransportModuleIsMissingIsNotACandidate() {
        runner.withUserConfiguration(OkHttp.class).withClassLoader(new FilteredClassLoader(OkHttpTransport.class))
                .run(context -> {
                    assertThat(context).doesNotHaveBean(BrookAutoConfiguration.TRANSPORT_BEAN);
                    assertThat(Replies.callThrough(context.getBean(Brook.class), server).header(MARK)).isEmpty();
                    assertThat(log.all()).contains("no HTTP client bean it can use");
                });
    }

    @Test
    void theApplicationsTransportBeanWinsOverItsClientBeans() {
        runner.withUserConfiguration(OkHttp.class, JdkClient.class, OwnTransport.class).run(context -> {
            assertThat(context).doesNotHaveBean(BrookAutoConfiguration.TRANSPORT_BEAN);
            assertThat(Replies.callThrough(context.getBean(Brook.class), server).header(MARK)).contains("own-transport");
            assertThat(log.all()).contains("Brook uses the application's Transport bean (transport okhttp)");
        });
    }

    @Test
    void twoTransportBeansWithoutAPrimaryFailTheContextSayingWhatToDo() {
        runner.withUserConfiguration(TwoTransports.class).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("several Transport beans").hasMessageContaining("@Primary"));
    }

    @Test
    void closingTheContextLeavesTheApplicationsClientToTheApplication() {
        OkHttpClient[] client = new OkHttpClient[1];
        runner.withUserConfiguration(OkHttp.class).run(context -> {
            client[0] = context.getBean(OkHttpClient.class);
            Replies.callThrough(context.getBean(Brook.class), server);
        });
        assertThat(client[0].dispatcher().executorService().isShutdown()).isFalse();
    }
}
