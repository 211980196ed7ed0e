package dev.brook.bench;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.request.MessageRequest;
import java.util.Iterator;

/**
 * Brook's cold start: a fresh JVM makes one streaming call, the way the README shows it, and returns
 * from {@code main}. Run by {@code sdk-bench/coldstart.sh} on a class path of brook-core, one transport
 * and their dependencies only.
 *
 * <p>Arguments: the transport name ({@code jdk}, {@code okhttp}), chosen with
 * {@link Brook.Builder#transport(String)} as a user would, and the server's base URL. Brook is closed by
 * try-with-resources, as a user's code would: on JDK 21+ that also closes the JDK transport's own
 * {@code HttpClient}, whose selector thread otherwise delays the JVM's exit.
 */
public final class ColdStartBrook {
    private ColdStartBrook() {
    }

    public static void main(String[] args) {
        long firstDeltaAt = 0;
        int deltas = 0;
        MessageRequest request = MessageRequest.builder().model("claude-bench").maxTokens(1024)
                .addUserMessage("Tell me a story about the sea.").build();
        try (Brook brook = Brook.builder().apiKey("sk-ant-fake").baseUrl(args[1]).transport(args[0]).build();
             MessageStream stream = brook.messages().stream(request)) {
            // A plain loop, not forEach: the clock is read in user code as the first delta arrives.
            for (Iterator<String> text = stream.textStream().iterator(); text.hasNext(); text.next()) {
                if (deltas++ == 0) {
                    firstDeltaAt = System.currentTimeMillis();
                }
            }
        }
        ColdStartReport.print(firstDeltaAt, deltas);
    }
}
