package dev.brook.reactor;

import dev.brook.core.client.Brook;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.transport.jdk.JdkTransportProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A fake server, the jdk transport and a client on them, closed together. */
final class Fake implements AutoCloseable {
    static final String MESSAGE_START = "event: message_start\n"
            + "data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_r\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-reactor\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n\n";
    /** message_start, a text block start and one delta ("first"). */
    static final String HEAD = MESSAGE_START
            + "event: content_block_start\n"
            + "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
            + "event: content_block_delta\n"
            + "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"first\"}}\n\n";
    /** The end of a reply opened by {@link #HEAD}. */
    static final String TAIL = "event: content_block_stop\n"
            + "data: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
            + "event: message_delta\n"
            + "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
            + "\"usage\":{\"output_tokens\":2}}\n\n"
            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
    static final MessageRequest REQUEST = MessageRequest.builder()
            .model("claude-reactor")
            .maxTokens(256)
            .addUserMessage("Tell me a story.")
            .build();

    final FakeMessagesServer server;
    final Transport transport;
    final Brook brook;
    final BrookReactor reactor;

    Fake() {
        server = new FakeMessagesServer().start();
        transport = new JdkTransportProvider().create(TransportConfig.defaults());
        brook = Brook.builder()
                .apiKey("sk-ant-reactor-test")
                .baseUrl(server.baseUri().toString())
                .transport(transport)
                .maxRetries(0)
                .idleTimeout(Duration.ofSeconds(30))
                .build();
        reactor = BrookReactor.of(brook);
    }

    /** A 200 event stream that sends {@link #HEAD}, then holds the connection open for 30 s. */
    static ScriptedResponse stalledAfterHead() {
        return headThen().stall(Duration.ofSeconds(30)).build();
    }

    /** A 200 event stream that starts with {@link #HEAD}. */
    static ScriptedResponse.Builder headThen() {
        return ScriptedResponse.builder()
                .status(200)
                .header("content-type", "text/event-stream")
                .chunk(HEAD.getBytes(StandardCharsets.UTF_8), Duration.ZERO);
    }

    @Override
    public void close() {
        brook.close();
        transport.close();
        server.close();
    }
}
