package dev.brook.spring.boot.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.tck.ConformanceData;
import dev.brook.tck.Fixture;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.RecordedRequest;
import dev.brook.testkit.ScriptedResponse;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's web application, running on a real port: a browser-style request to its SSE endpoint gets
 * the reply the testkit server streamed to Brook, delta by delta, and a browser that leaves closes Brook's
 * connection to the API.
 */
@SpringBootTest(classes = ChatApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatApplicationTest {
    private static final String KEY = "sk-ant-spring-web";
    private static final FakeMessagesServer API = new FakeMessagesServer().start();
    private static final HttpClient BROWSER = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Value("${local.server.port}")
    int port;

    @DynamicPropertySource
    static void brookProperties(DynamicPropertyRegistry registry) {
        registry.add("brook.base-url", () -> API.baseUri().toString());
        registry.add("brook.api-key", () -> KEY);
        registry.add("brook.max-retries", () -> "0");
    }

    @AfterAll
    static void stopApi() {
        API.close();
    }

    /** One server-sent event as a browser's EventSource sees it. */
    record Received(String event, String data) {
    }

    @Test
    void theBrowserReceivesTheReplyDeltaByDelta() throws Exception {
        Fixture fixture = ConformanceData.fixtures().stream()
                .filter(f -> f.outcome() == Fixture.Outcome.COMPLETE && f.text().length() > 20)
                .findFirst().orElseThrow(() -> new AssertionError("no complete fixture with text in the conformance data"));
        API.enqueue(ScriptedResponse.sseByEvent(fixture.stream(), Duration.ofMillis(2)));

        HttpResponse<InputStream> response = BROWSER.send(chat("Tell me about rivers."),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<Received> events = readAll(response.body());

        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.event().equals("delta")).forEach(e -> text.append(e.data()));
        assertThat(text.toString()).isEqualTo(fixture.text());
        assertThat(events.stream().filter(e -> e.event().equals("delta")).count()).isGreaterThan(1);
        assertThat(events.get(events.size() - 1)).isEqualTo(new Received("done",
                fixture.expectedMessage().get("stop_reason").orElseThrow().asString().orElseThrow()));

        RecordedRequest request = API.takeRequest(Duration.ofSeconds(5)).orElseThrow();
        assertThat(request.header("x-api-key")).contains(KEY);
        assertThat(request.bodyAsString()).contains("Tell me about rivers.").contains("\"stream\":true");
    }

    @Test
    void aBrowserThatLeavesClosesTheConnectionToTheApi() throws Exception {
        String head = "event: message_start\n"
                + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\n"
                + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n";
        String delta = "event: content_block_delta\n"
                + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"more \"}}\n\n";
        ScriptedResponse.Builder endless = ScriptedResponse.builder().header("content-type", "text/event-stream").chunk(head);
        for (int i = 0; i < 600; i++) {
            endless.chunk(delta, Duration.ofMillis(100));
        }
        API.enqueue(endless.build());

        HttpResponse<InputStream> response = BROWSER.send(chat("Go on forever."), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String line;
        do {
            line = reader.readLine();
        } while (line != null && !line.startsWith("data:"));
        assertThat(line).isEqualTo("data:more ");
        assertThat(API.openConnections()).isEqualTo(1);

        response.body().close(); // the browser tab closes

        assertThat(API.awaitOpenConnections(0, Duration.ofSeconds(20)))
                .as("Brook's connection to the API is closed once the browser has left").isTrue();
        assertThat(API.requestCount()).isGreaterThanOrEqualTo(1);
    }

    private HttpRequest chat(String prompt) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/chat?prompt="
                        + URLEncoder.encode(prompt, StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /** Reads SSE to the end of the response: data lines joined with newlines, as EventSource does. */
    private static List<Received> readAll(InputStream body) throws Exception {
        List<Received> events = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "message";
            StringBuilder data = null;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Received(event, data.toString()));
                    }
                    event = "message";
                    data = null;
                } else if (line.startsWith("event:")) {
                    event = line.substring("event:".length()).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring("data:".length());
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        }
        return events;
    }
}
