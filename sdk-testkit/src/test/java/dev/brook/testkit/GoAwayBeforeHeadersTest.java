package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.StreamResetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ScriptedResponse.Builder#goAwayBeforeHeaders()}: the request is refused before any response
 * byte, is not recorded, and uses up its response, on every protocol.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GoAwayBeforeHeadersTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ScriptedResponse REFUSED = ScriptedResponse.sse("data: never\n\n").newBuilder().goAwayBeforeHeaders().build();

    @Test
    void overHttp11TheConnectionClosesBeforeAnyResponseByte() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().start()) {
            server.enqueue(REFUSED);
            try (RawClient c = new RawClient(server.port())) {
                c.get("/v1/messages");
                assertThat(c.readToEnd()).isEmpty();
            }
            assertThat(server.requestCount()).isZero();
            assertThat(server.requests()).isEmpty();
            assertThat(server.queuedResponses()).isZero();
            assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
        }
    }

    @Test
    void overHttp11InHttp2ModeTheConnectionClosesBeforeAnyResponseByte() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().http2().start()) {
            server.enqueue(REFUSED);
            server.enqueue(ScriptedResponse.json(200, "{}"));
            try (RawClient c = new RawClient(server.port())) {
                c.get("/v1/messages");
                assertThat(c.readToEnd()).isEmpty();
            }
            try (RawClient c = new RawClient(server.port())) { // a retry gets the next response
                c.get("/v1/messages");
                assertThat(c.readHead()).startsWith("HTTP/1.1 200 OK\r\n");
            }
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(server.requests()).extracting(RecordedRequest::connectionIndex).containsExactly(1);
        }
    }

    @Test
    void theJdkClientSeesGoawayAndTheRequestIsNotRecorded() throws Exception {
        try (FakeMessagesServer server = new FakeMessagesServer().http2().start()) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            server.enqueue(ScriptedResponse.json(200, "{\"n\":1}"));
            assertThat(client.send(HttpRequest.newBuilder(server.url("/first")).build(),
                    HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_2);
            server.enqueue(REFUSED);

            assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(server.url("/refused")).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("GOAWAY");

            assertThat(server.requests()).extracting(RecordedRequest::path).containsExactly("/first");
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
            server.enqueue(ScriptedResponse.json(200, "{\"n\":2}"));
            assertThat(client.send(HttpRequest.newBuilder(server.url("/next")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"n\":2}");
            assertThat(server.totalConnections()).isEqualTo(2);
        }
    }

    @Test
    void okHttpSeesARefusedStreamAndTheNextCallGetsTheNextResponseOnANewConnection() throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .protocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE))
                .callTimeout(WAIT)
                .build();
        try (FakeMessagesServer server = new FakeMessagesServer().http2().start()) {
            server.enqueue(REFUSED);
            server.enqueue(ScriptedResponse.sse("data: next\n\n"));
            Request request = new Request.Builder().url(server.url("/v1/messages").toString()).build();

            // GOAWAY below the stream tells OkHttp the stream was never processed: REFUSED_STREAM.
            assertThatThrownBy(() -> client.newCall(request).execute())
                    .isInstanceOfSatisfying(StreamResetException.class,
                            e -> assertThat(e.errorCode).isEqualTo(ErrorCode.REFUSED_STREAM));
            assertThat(server.requestCount()).isZero();

            try (Response response = client.newCall(request).execute()) {
                assertThat(response.protocol()).isEqualTo(Protocol.H2_PRIOR_KNOWLEDGE);
                assertThat(response.body().string()).isEqualTo("data: next\n\n");
            }
            assertThat(server.requests()).extracting(RecordedRequest::connectionIndex).containsExactly(1);
            assertThat(server.totalConnections()).isEqualTo(2);
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
