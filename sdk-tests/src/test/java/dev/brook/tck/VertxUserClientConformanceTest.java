package dev.brook.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.transport.Transport;
import dev.brook.testkit.FakeMessagesServer;
import dev.brook.testkit.ScriptedResponse;
import dev.brook.testkit.SelfSignedTls;
import dev.brook.transport.vertx.VertxTransport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The conformance kit on the {@code vertx} transport built from a user's {@link Vertx} and
 * {@link WebClientOptions}. The user's {@code Vertx} checks for blocked threads far more eagerly than
 * Vert.x's defaults; every suite must leave that checker silent, and Brook must leave the user's
 * {@code Vertx} usable, which is checked before the test closes it.
 */
class VertxUserClientConformanceTest extends BrookConformanceKit {
    private static Vertx vertx;
    private static BlockedThreadWarnings warnings;

    @BeforeAll
    static void startUserVertx() throws Exception {
        vertx = UserVertx.start();
        warnings = BlockedThreadWarnings.capture();
    }

    @AfterAll
    static void userVertxIsStillUsableAndWasNeverBlocked() throws Exception {
        try {
            warnings.close();
            assertThat(warnings.seen()).as("Vert.x blocked-thread warnings during the suites").isEmpty();
            UserVertx.assertUsable(vertx);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC);
    }

    /**
     * Trust in {@code tls}'s certificate as a Vert.x user configures a private CA: PEM trust options.
     * ({@code TrustOptions.wrap(trustManager)} would do too, but in Vert.x 5.0.7 it needs SLF4J on the
     * class path.)
     */
    static TrustOptions pemTrust(SelfSignedTls tls) {
        PemTrustOptions pem = new PemTrustOptions();
        for (X509Certificate cert : tls.trustManager().getAcceptedIssuers()) {
            try {
                String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded());
                pem.addCertValue(Buffer.buffer("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n"));
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return pem;
    }

    @Override
    public Optional<Transport> newTransportTrusting(SelfSignedTls tls) {
        return Optional.of(VertxTransport.of(vertx,
                new WebClientOptions().setTrustOptions(pemTrust(tls))));
    }

    @Override
    public Transport newTransport() {
        return VertxTransport.of(vertx, new WebClientOptions().setConnectTimeout(10_000).setUserAgentEnabled(false));
    }

    /**
     * A user's Vertx whose blocked-thread checker looks every 50 ms and fires once an event-loop task has
     * run for 500 ms (Vert.x's default: 2 s). A blocking read on the event loop would hold it for a whole
     * scripted stall or held body (seconds); 500 ms leaves room for a thread merely starved of CPU on a
     * busy two-core machine, where 200 ms was seen in plain scheduling code.
     */
    static final class UserVertx {
        private UserVertx() {
        }

        static Vertx start() throws Exception {
            Vertx vertx = Vertx.vertx(new VertxOptions()
                    .setBlockedThreadCheckInterval(50)
                    .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                    .setMaxEventLoopExecuteTime(500)
                    .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                    .setWarningExceptionTime(500) // a warning then carries the blocked thread's stack
                    .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
            // Warm up (class loading, first connection) before the checker is listened to: a cold start is
            // not what the suites are about.
            try (FakeMessagesServer server = new FakeMessagesServer().start();
                    Transport transport = VertxTransport.of(vertx, new WebClientOptions());
                    Brook brook = Tck.brook(transport, server).build()) {
                server.enqueue(ScriptedResponse.sse(ConformanceData.read("fixtures/text-basic.sse")));
                try (MessageStream stream = brook.messages().stream(Tck.request())) {
                    stream.finalMessage();
                }
            }
            return vertx;
        }

        /** A timer fires and a new client of the user's makes a real request on it. */
        static void assertUsable(Vertx vertx) throws Exception {
            vertx.timer(1, TimeUnit.MILLISECONDS).await(10, TimeUnit.SECONDS);
            HttpClientAgent client = vertx.createHttpClient();
            try {
                assertClientWorks(client);
            } finally {
                client.close().await(10, TimeUnit.SECONDS);
            }
        }

        /** The user's {@code client} still makes a real request. */
        static void assertClientWorks(HttpClientAgent client) throws Exception {
            try (FakeMessagesServer server = new FakeMessagesServer().start()) {
                server.enqueue(ScriptedResponse.json(200, "{\"ok\":true}"));
                String body = WebClient.wrap(client)
                        .request(HttpMethod.GET, server.port(), "127.0.0.1", "/health")
                        .send()
                        .await(10, TimeUnit.SECONDS)
                        .bodyAsString();
                assertThat(body).isEqualTo("{\"ok\":true}");
            }
        }
    }

    /** Collects what Vert.x's blocked-thread checker logs (through JUL, Vert.x's default logging). */
    static final class BlockedThreadWarnings extends Handler {
        static final String LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
        private final List<String> seen = new CopyOnWriteArrayList<>();
        private final Logger logger = Logger.getLogger(LOGGER);

        static BlockedThreadWarnings capture() {
            BlockedThreadWarnings w = new BlockedThreadWarnings();
            w.setLevel(Level.ALL);
            w.logger.addHandler(w);
            return w;
        }

        List<String> seen() {
            return seen;
        }

        @Override
        public void publish(LogRecord record) {
            Throwable stack = record.getThrown();
            seen.add(record.getLevel() + " " + record.getMessage()
                    + (stack == null ? "" : " at " + java.util.Arrays.toString(stack.getStackTrace())));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
