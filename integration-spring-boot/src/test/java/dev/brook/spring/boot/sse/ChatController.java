package dev.brook.spring.boot.sse;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.StopReason;
import dev.brook.core.request.MessageRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class ChatController {
    private final Brook brook;

    ChatController(Brook brook) {
        this.brook = brook;
    }

    @GetMapping(path = "/chat", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter chat(@RequestParam("prompt") String prompt) {
        SseEmitter emitter = new SseEmitter(120_000L);
        MessageRequest request = MessageRequest.builder()
                .model("claude-sonnet-4-5")
                .maxTokens(1024)
                .addUserMessage(prompt)
                .build();
        AsyncMessageStream stream = brook.messages().streamAsync(request, new StreamListener() {
            @Override
            public void onText(String delta, CharSequence textSoFar) {
                try {
                    emitter.send(SseEmitter.event().name("delta").data(delta));
                } catch (IOException browserLeft) {
                    emitter.completeWithError(browserLeft);
                }
            }
        });
        stream.finalMessage().whenComplete((message, error) -> {
            if (error != null) {
                emitter.completeWithError(error);
                return;
            }
            try {
                emitter.send(SseEmitter.event().name("done")
                        .data(message.stopReason().map(StopReason::value).orElse("none")));
                emitter.complete();
            } catch (IOException browserLeft) {
                emitter.completeWithError(browserLeft);
            }
        });
        // A browser that leaves (or a timeout) closes the stream, and with it the connection to the API.
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        return emitter;
    }
}
