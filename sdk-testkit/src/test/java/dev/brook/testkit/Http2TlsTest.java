package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The HTTP/2 mode over TLS: {@code h2} by ALPN with the context given to {@code useTls}, {@code http/1.1} otherwise. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Http2TlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeMessagesServer server;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().useTls(SelfSignedTls.get().serverContext()).http2().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private HttpClient client(HttpClient.Version version) {
        return HttpClient.newBuilder().version(version).sslContext(SelfSignedTls.get().clientContext()).build();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.url(path)).timeout(WAIT).build();
    }

    @Test
    void alpnNegotiatesH2AndTheScriptStreamsChunkByChunk() throws Exception {
        CountDownLatch sawFirst = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder()
                .header("content-type", "text/event-stream")
                .chunk("event: message_start\n\n")
                .awaitSignal(sawFirst, WAIT)
                .chunk("event: message_stop\n\n")
                .build());

        HttpResponse<InputStream> response = client(HttpClient.Version.HTTP_2)
                .send(get("/v1/messages"), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(server.baseUri().getScheme()).isEqualTo("https");
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        try (InputStream body = response.body()) {
            assertThat(new String(body.readNBytes(22), StandardCharsets.UTF_8)).isEqualTo("event: message_start\n\n");
            sawFirst.countDown();
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("event: message_stop\n\n");
        }
        RecordedRequest request = server.takeRequest(WAIT).orElseThrow();
        assertThat(request.protocol()).isEqualTo("HTTP/2");
        assertThat(request.version()).isEqualTo("HTTP/2");
    }

    @Test
    void aClientThatOffersOnlyHttp11IsAnsweredOverHttp11() throws Exception {
        server.enqueue(ScriptedResponse.sse("data: 1\n\n"));

        HttpResponse<String> response = client(HttpClient.Version.HTTP_1_1).send(get("/"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(response.body()).isEqualTo("data: 1\n\n");
        assertThat(server.takeRequest(WAIT).orElseThrow().protocol()).isEqualTo("HTTP/1.1");
    }

    @Test
    void alpnPrefersH2WhenTheClientOffersBoth() throws Exception {
        try (SSLSocket socket = (SSLSocket) SelfSignedTls.get().clientContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            var parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(new String[] {"http/1.1", "h2"});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        }
    }

    @Test
    void closeMidBodyOverTlsTruncatesTheStream() throws Exception {
        CountDownLatch sawPartial = new CountDownLatch(1);
        server.enqueue(ScriptedResponse.builder().chunk("partial").awaitSignal(sawPartial, WAIT).closeMidBody().build());

        HttpResponse<InputStream> response = client(HttpClient.Version.HTTP_2)
                .send(get("/"), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(new String(body.readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("partial");
            sawPartial.countDown(); // (the JDK client drops unread bytes when the connection ends)
            assertThatThrownBy(body::read).isInstanceOf(IOException.class);
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }
}
