package dev.brook.bench;

import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The loopback server of {@code sdk-bench/coldstart.sh}: the test kit's {@link FakeMessagesServer}
 * answering every request with one {@link BenchStreams#textAndTool(int)} stream (200 text deltas by
 * default, then a ~2 KB tool input), written as one chunk. It runs for the whole script in its own JVM,
 * so each client JVM meets a server that is already warm.
 *
 * <p>Argument: the number of text deltas (default 200). Prints {@code port=<n>} once it is warmed up,
 * then serves until it is killed.
 */
public final class ColdStartServer {
    private static final int WARMUP_REQUESTS = 200;

    private ColdStartServer() {
    }

    public static void main(String[] args) throws Exception {
        int deltas = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        byte[] stream = BenchStreams.textAndTool(deltas);
        FakeMessagesServer server = new FakeMessagesServer().start();
        server.respondAlways(ScriptedResponse.sse(stream));
        // Warm the server's own code so the first client measured does not also pay the server's JIT.
        URI endpoint = server.url("/v1/messages");
        for (int i = 0; i < WARMUP_REQUESTS; i++) {
            long read = fetch(endpoint);
            if (read != stream.length) {
                throw new IllegalStateException("warm-up read " + read + " bytes, expected " + stream.length);
            }
        }
        System.out.println("port=" + server.port() + " deltas=" + deltas + " bytes=" + stream.length);
        System.out.flush();
        // Serves on its own daemon threads; this thread only keeps the JVM alive until the script kills it.
        Thread.currentThread().join();
    }

    private static long fetch(URI endpoint) throws IOException {
        HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("content-type", "application/json");
        try (OutputStream out = c.getOutputStream()) {
            out.write("{\"stream\":true}".getBytes(StandardCharsets.UTF_8));
        }
        long total = 0;
        byte[] buf = new byte[16 * 1024];
        try (InputStream in = c.getInputStream()) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
            }
        }
        return total;
    }
}
