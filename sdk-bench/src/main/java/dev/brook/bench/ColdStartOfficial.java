package dev.brook.bench;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import java.util.Iterator;

/**
 * The official SDK's cold start ({@code com.anthropic:anthropic-java} on its OkHttp client): a fresh JVM
 * makes one {@code createStreaming} call and returns from {@code main}. Run by
 * {@code sdk-bench/coldstart.sh} on the class path a project depending on {@code anthropic-java} alone
 * resolves. Argument: the server's base URL. The client is closed, as its README asks.
 */
public final class ColdStartOfficial {
    private ColdStartOfficial() {
    }

    public static void main(String[] args) {
        long firstDeltaAt = 0;
        int deltas = 0;
        MessageCreateParams params = MessageCreateParams.builder().model("claude-bench").maxTokens(1024)
                .addUserMessage("Tell me a story about the sea.").build();
        AnthropicClient client = AnthropicOkHttpClient.builder().apiKey("sk-ant-fake").baseUrl(args[0]).build();
        try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(params)) {
            for (Iterator<RawMessageStreamEvent> events = stream.stream().iterator(); events.hasNext(); ) {
                RawMessageStreamEvent event = events.next();
                if (event.isContentBlockDelta() && event.asContentBlockDelta().delta().isText()
                        && deltas++ == 0) {
                    firstDeltaAt = System.currentTimeMillis();
                }
            }
        } finally {
            client.close();
        }
        ColdStartReport.print(firstDeltaAt, deltas);
    }
}
