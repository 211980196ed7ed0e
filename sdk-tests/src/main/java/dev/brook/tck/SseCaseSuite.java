package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.sse.SseDecoder;
import dev.brook.core.sse.SseEvent;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.core.transport.TransportResponse;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of {@code sse-cases.json}, served over HTTP chunk by chunk (each chunk flushed), read
 * through the transport and decoded: the events must be exactly those the case expects. Proves the
 * transport neither drops, reorders, merges wrongly nor alters bytes at chunk boundaries.
 */
public interface SseCaseSuite extends TransportSuite {

    /**
     * Every case of {@code sse-cases.json}, served chunk by chunk, decodes to exactly the events it expects.
     *
     * @return one dynamic test per case
     */
    @TestFactory
    default Stream<DynamicTest> everySseCaseServedChunkByChunk() {
        List<SseCase> cases = ConformanceData.sseCases();
        FakeMessagesServer server = newServer();
        Transport transport = newTransport();
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> {
                    ScriptedResponse.Builder script = ScriptedResponse.builder()
                            .status(200)
                            .header("content-type", "text/event-stream");
                    for (byte[] chunk : c.chunks()) {
                        if (chunk.length > 0) { // an empty chunk would end a chunked body
                            script.chunk(chunk, Duration.ZERO);
                        }
                    }
                    server.enqueue(script.build());
                    List<SseCase.Expected> got = new ArrayList<>();
                    SseDecoder decoder = new SseDecoder(e -> got.add(expected(e)));
                    TransportRequest request = TransportRequest.of("GET",
                            server.baseUri().resolve("/sse/" + c.name()), TransportHeaders.empty(), new byte[0]);
                    try (TransportResponse response = transport.execute(request, TransportExchange.create())) {
                        assertThat(response.statusCode()).isEqualTo(200);
                        Tck.readBody(response, decoder::feed);
                    }
                    decoder.end();
                    assertThat(got).as(c.name()).containsExactlyElementsOf(c.expected());
                }))
                .onClose(() -> {
                    transport.close();
                    server.close();
                });
    }

    private static SseCase.Expected expected(SseEvent e) {
        return new SseCase.Expected(e.type(), e.data(), e.lastEventId(), e.retry().orElse(-1));
    }
}
