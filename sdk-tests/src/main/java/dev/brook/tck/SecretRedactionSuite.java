package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportHeaders;
import dev.brook.core.transport.TransportRequest;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The API key never appears in {@code toString()}, exception messages or stack traces, or log output,
 * whatever happens to the request.
 */
public interface SecretRedactionSuite extends TransportSuite {

    /**
     * The API key appears in no {@code toString()}, exception message, stack trace or log record, whatever
     * happens to the request.
     *
     * @throws Exception when a call of the test throws one (I/O, interruption): the test fails
     */
    @Test
    default void apiKeyNeverAppearsInToStringErrorsOrLogs() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>(); // log records arrive from I/O threads too
        Logger root = Logger.getLogger("");
        Level oldLevel = root.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getLoggerName() + " " + record.getMessage() + " " + String.valueOf(record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try (FakeMessagesServer server = newServer(); Transport transport = newTransport();
                Brook brook = Tck.brook(transport, server).build()) {
            seen.add(brook.toString());
            seen.add(TransportRequest.of("POST", URI.create("http://127.0.0.1/v1/messages"),
                    TransportHeaders.builder().set("x-api-key", Tck.API_KEY)
                            .set("authorization", "Bearer " + Tck.API_KEY).build(), new byte[0]).toString());

            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
            try (MessageStream stream = brook.messages().stream(Tck.request())) {
                seen.add(stream.finalMessage().toString());
            }
            server.enqueue(ScriptedResponse.builder().status(401).header("content-type", "application/json")
                    .body("{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}")
                    .build());
            seen.add(describe(catchThrowable(() -> brook.messages().stream(Tck.request()))));
            server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/truncated.sse")));
            seen.add(describe(catchThrowable(() -> brook.messages().stream(Tck.request()).finalMessage())));

            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            try (Brook refused = brook.newBuilder().baseUrl("http://127.0.0.1:" + closedPort).build()) {
                seen.add(refused.toString());
                seen.add(describe(catchThrowable(() -> refused.messages().stream(Tck.request()))));
            }
        } finally {
            root.removeHandler(capture);
            root.setLevel(oldLevel);
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(7);
        for (String text : seen) {
            // Compare without printing the key: a failure message must not leak it either.
            assertThat(text.contains(Tck.API_KEY)).as("a toString, error or log line contains the API key").isFalse();
        }
    }

    private static String describe(Throwable t) {
        assertThat(t).as("an error was expected").isNotNull();
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
