package dev.brook.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The floor for a cold start on the JDK: {@code java.net.http} with no JSON and no SSE decoder. A fresh
 * JVM posts one request with {@code sendAsync}, reads the body as lines and counts the lines holding a
 * {@code text_delta}, then returns from {@code main}. Argument: the server's base URL.
 *
 * <p>The client is built as {@code HttpClient.newHttpClient()} (default executor, HTTP/2 preferred, as
 * Brook's JDK transport builds its own) and, where the JDK has it (21+), closed as a user would by
 * try-with-resources; on JDK 17 there is no close.
 */
public final class ColdStartBare {
    private ColdStartBare() {
    }

    public static void main(String[] args) throws Exception {
        long firstDeltaAt = 0;
        int deltas = 0;
        String body = "{\"model\":\"claude-bench\",\"max_tokens\":1024,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story about the sea.\"}]}";
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(args[0] + "/v1/messages"))
                .header("content-type", "application/json")
                .header("accept", "text/event-stream")
                .header("x-api-key", "sk-ant-fake")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<Stream<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).join();
        try (Stream<String> lines = response.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("data: ") && line.contains("\"text_delta\"") && deltas++ == 0) {
                    firstDeltaAt = System.currentTimeMillis();
                }
            }
        }
        // Compiled for 17, where HttpClient is not AutoCloseable; on 21+ it is, and closing it ends its
        // selector thread before the JVM exits.
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
        ColdStartReport.print(firstDeltaAt, deltas);
    }
}
