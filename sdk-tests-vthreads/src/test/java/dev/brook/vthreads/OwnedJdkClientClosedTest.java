package dev.brook.vthreads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.transport.jdk.JdkTransportProvider;
import java.net.http.HttpClient;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * On JDK 21+, where an {@link HttpClient} is {@link AutoCloseable}, closing the {@code jdk} transport that
 * discovery created closes its client: the client's selector thread ends. Left running, that thread sits in
 * a native wait that the JVM's exit waits up to 300 ms for, the largest part of a cold CLI run's exit.
 */
class OwnedJdkClientClosedTest {
    private static final String STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[],"stop_reason":null,"usage":{"input_tokens":1,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":1}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @Test
    void closingTheTransportEndsItsClientsSelectorThread() throws Exception {
        assertThat(AutoCloseable.class).as("this test runs on JDK 21+").isAssignableFrom(HttpClient.class);
        Set<Thread> before = selectorThreads();
        try (FakeMessagesServer server = new FakeMessagesServer().start()) {
            server.enqueue(ScriptedResponse.sse(STREAM));
            Transport transport = new JdkTransportProvider().create(TransportConfig.defaults());
            try (Brook brook = Brook.builder().apiKey("sk-test-key").baseUrl(server.baseUri().toString())
                            .transport(transport).build();
                    MessageStream stream = brook.messages().stream(MessageRequest.builder().model("m").maxTokens(16)
                            .addUserMessage("Hello").build())) {
                assertThat(stream.textStream().collect(Collectors.joining())).isEqualTo("Hi");
            }
            Set<Thread> ours = selectorThreads();
            ours.removeAll(before);
            assertThat(ours).as("the selector thread of the transport's own client").hasSize(1);
            Thread selector = ours.iterator().next();
            assertThat(selector.isAlive()).as("closing Brook leaves a transport it was given open").isTrue();

            transport.close();

            selector.join(10_000);
            assertThat(selector.isAlive()).as("%s after the transport closed", selector.getName()).isFalse();
        }
    }

    private static Set<Thread> selectorThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }
}
