package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ScriptedResponse.Builder#chunksOnPermits}: copies paced by the test's permits, seen on a raw socket. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChunksOnPermitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] CHUNK = "0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private FakeMessagesServer server;

    @BeforeEach
    void setUp() {
        server = new FakeMessagesServer().start();
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static ScriptedResponse paced(long count, Semaphore permits, Duration maxWaitEach) {
        return ScriptedResponse.builder()
                .header("Content-Type", "text/event-stream")
                .chunksOnPermits(CHUNK, count, permits, maxWaitEach)
                .chunk("tail")
                .build();
    }

    /** Asserts nothing arrives for {@code millis}: the server is holding the next copy back. */
    private static void assertSilentFor(RawClient c, int millis) throws Exception {
        c.socket.setSoTimeout(millis);
        assertThatThrownBy(c::read).isInstanceOf(SocketTimeoutException.class);
        c.socket.setSoTimeout((int) WAIT.toMillis());
    }

    @Test
    void eachCopyIsSentOnlyAfterAPermitThenTheRestOfTheScript() throws Exception {
        Semaphore permits = new Semaphore(0);
        server.enqueue(paced(3, permits, WAIT));
        try (RawClient c = new RawClient(server.port())) {
            c.get("/v1/messages");
            c.readHead();
            assertSilentFor(c, 150);
            permits.release();
            assertThat(c.readChunk()).isEqualTo("0123456789abcdef");
            assertSilentFor(c, 150);
            permits.release(2); // permits released ahead are used by the next copies
            assertThat(c.readChunk()).isEqualTo("0123456789abcdef");
            assertThat(c.readChunk()).isEqualTo("0123456789abcdef");
            assertThat(c.readChunk()).isEqualTo("tail");
            assertThat(c.readChunk()).isNull();
        }
        assertThat(permits.availablePermits()).isZero();
    }

    @Test
    void zeroCopiesGoesStraightToTheNextStep() throws Exception {
        server.enqueue(paced(0, new Semaphore(0), WAIT));
        try (RawClient c = new RawClient(server.port())) {
            c.get("/");
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("tail");
            assertThat(c.readChunk()).isNull();
        }
    }

    @Test
    void aMissingPermitEndsTheBodyMidwayAfterMaxWaitEach() throws Exception {
        Semaphore permits = new Semaphore(1);
        server.enqueue(paced(2, permits, Duration.ofMillis(200)));
        try (RawClient c = new RawClient(server.port())) {
            long start = System.nanoTime(); // before the request: the server's wait cannot start earlier
            c.get("/");
            c.readHead();
            assertThat(c.readChunk()).isEqualTo("0123456789abcdef");
            assertThatThrownBy(c::readChunk).isInstanceOf(EOFException.class); // FIN without the last chunk
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }

    @Test
    void aClientThatLeavesWhileTheServerWaitsForAPermitIsSeenAtOnce() throws Exception {
        server.enqueue(paced(5, new Semaphore(1), Duration.ofSeconds(60)));
        RawClient c = new RawClient(server.port());
        c.get("/");
        c.readHead();
        assertThat(c.readChunk()).isEqualTo("0123456789abcdef");
        assertThat(server.awaitOpenConnections(1, WAIT)).isTrue();
        c.close();
        assertThat(server.awaitOpenConnections(0, Duration.ofSeconds(2)))
                .as("connection counted closed well before the 60 s permit wait ends").isTrue();
    }

    @Test
    void anEndlessCountIsProducedLazilyForAsLongAsPermitsCome() throws Exception {
        Semaphore permits = new Semaphore(1);
        server.enqueue(paced(Long.MAX_VALUE, permits, WAIT));
        try (RawClient c = new RawClient(server.port())) {
            c.get("/");
            c.readHead();
            for (int i = 0; i < 2_000; i++) {
                assertThat(c.readChunk()).isEqualTo("0123456789abcdef");
                permits.release();
            }
        }
        assertThat(server.awaitOpenConnections(0, WAIT)).isTrue();
    }

    @Test
    void builderRejectsBadArgumentsAndBodiesItCannotPace() {
        Semaphore permits = new Semaphore(0);
        assertThatThrownBy(() -> ScriptedResponse.builder().chunksOnPermits(new byte[0], 1, permits, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk is empty");
        assertThatThrownBy(() -> ScriptedResponse.builder().chunksOnPermits(CHUNK, -1, permits, WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count < 0: -1");
        assertThatThrownBy(() -> ScriptedResponse.builder().chunksOnPermits(CHUNK, 1, permits, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxWaitEach < 0: PT-0.001S");
        assertThatThrownBy(() -> ScriptedResponse.builder().chunksOnPermits(CHUNK, 1, null, WAIT))
                .isInstanceOf(NullPointerException.class).hasMessage("permits");
        assertThatThrownBy(() -> ScriptedResponse.builder().chunksOnPermits(CHUNK, 1, permits, WAIT).gzip().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("remove gzip()");
        assertThatThrownBy(() -> ScriptedResponse.builder().chunksOnPermits(CHUNK, 1, permits, WAIT).fixedLength().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("remove fixedLength()");
    }

    @Test
    void copiesAreNotPartOfTheScriptedBodyText() {
        ScriptedResponse r = ScriptedResponse.builder().chunk("a").chunksOnPermits(CHUNK, Long.MAX_VALUE,
                new Semaphore(0), WAIT).chunk("b").build();
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("ab");
    }
}
