package dev.brook.bench;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.request.MessageRequest;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * A diagnostic beside {@code sdk-bench/coldstart.sh}, not part of its table: the same single call as
 * {@link ColdStartBrook} or {@link ColdStartBare}, with the clock read between the steps a user's code
 * takes, to show where a cold JVM's time before the first text delta goes. Prints one line of
 * milliseconds from JVM start: {@code main}, client built, request built, response headers in hand
 * (Brook's {@code stream()} returned; the JDK's {@code sendAsync(...).join()}), first text delta, end of
 * stream, client closed.
 *
 * <p>Arguments: {@code brook <transport> <base-url>} or {@code bare <base-url>}. Each path is its own
 * class, so the bare run loads no Brook class.
 */
public final class ColdStartPhases {
    private ColdStartPhases() {
    }

    public static void main(String[] args) throws Exception {
        long[] at = new long[7];
        at[0] = System.currentTimeMillis();
        if (args[0].equals("brook")) {
            BrookSteps.run(args[1], args[2], at);
        } else {
            BareSteps.run(args[1], at);
        }
        long start = ManagementFactory.getRuntimeMXBean().getStartTime();
        String[] names = {"main", "client", "request", "headers", "first_delta", "last_delta", "closed"};
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < at.length; i++) {
            line.append(i == 0 ? "" : " ").append(names[i]).append('=').append(at[i] - start);
        }
        System.out.println(line);
    }

    /** Brook's steps, as {@link ColdStartBrook} takes them. */
    private static final class BrookSteps {
        static void run(String transport, String baseUrl, long[] at) {
            Brook brook = Brook.builder().apiKey("sk-ant-fake").baseUrl(baseUrl).transport(transport).build();
            at[1] = System.currentTimeMillis();
            MessageRequest request = MessageRequest.builder().model("claude-bench").maxTokens(1024)
                    .addUserMessage("Tell me a story about the sea.").build();
            at[2] = System.currentTimeMillis();
            try (brook; MessageStream stream = brook.messages().stream(request)) {
                at[3] = System.currentTimeMillis();
                Iterator<String> text = stream.textStream().iterator();
                text.next();
                at[4] = System.currentTimeMillis();
                while (text.hasNext()) {
                    text.next();
                }
                at[5] = System.currentTimeMillis();
            }
            at[6] = System.currentTimeMillis();
        }
    }

    /** The bare JDK client's steps, as {@link ColdStartBare} takes them. */
    private static final class BareSteps {
        static void run(String baseUrl, long[] at) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            at[1] = System.currentTimeMillis();
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/messages"))
                    .header("content-type", "application/json")
                    .header("x-api-key", "sk-ant-fake")
                    .header("anthropic-version", "2023-06-01")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"claude-bench\",\"max_tokens\":1024,"
                            + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                    .build();
            at[2] = System.currentTimeMillis();
            HttpResponse<Stream<String>> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).join();
            at[3] = System.currentTimeMillis();
            try (Stream<String> lines = response.body()) {
                boolean first = true;
                for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    if (first && line.startsWith("data: ") && line.contains("\"text_delta\"")) {
                        at[4] = System.currentTimeMillis();
                        first = false;
                    }
                }
            }
            at[5] = System.currentTimeMillis();
            if (client instanceof AutoCloseable closeable) {
                closeable.close();
            }
            at[6] = System.currentTimeMillis();
        }
    }
}
