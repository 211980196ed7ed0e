package dev.brook.consumer;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.request.MessageRequest;

/** Streams one reply from the server at {@code args[0]} and prints its text. */
public final class Main {
    public static void main(String[] args) throws Exception {
        MessageRequest request = MessageRequest.builder()
                .model("claude-consumer-check")
                .maxTokens(64)
                .addUserMessage("Hello?")
                .build();
        try (Brook brook = Brook.builder().apiKey("sk-ant-consumer-check").baseUrl(args[0]).maxRetries(0).build();
                MessageStream stream = brook.messages().stream(request)) {
            stream.textStream().forEach(System.out::print);
        }
        System.out.println();
    }
}
