package dev.brook.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.core.client.AsyncMessageStream;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.client.StreamListener;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.StreamEvent;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code brook.client.active_streams} counts the streams under way: 1 while the server holds a stream
 * open after its first delta, 0 once it has ended. The server waits on a latch the test releases, so
 * the checks follow the events, not the clock.
 */
class ActiveStreamsTest extends LoopbackTest {

    @Test
    void syncStreamIsCountedWhileOpenAndNotAfterItsEnd() {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(head().awaitSignal(release, WAIT).chunk(TAIL).build());
        Brook brook = build(client());
        assertThat(activeStreams()).isZero();
        try (MessageStream stream = brook.messages().stream(request())) {
            readToFirstDelta(stream.iterator());
            assertThat(activeStreams()).as("open, held by the server").isEqualTo(1);
            assertThat(tags(meters.get("brook.client.active_streams").longTaskTimer()))
                    .contains("gen_ai.request.model=" + MODEL, "brook.transport=jdk")
                    .noneMatch(tag -> tag.startsWith("outcome="));
            release.countDown();
            stream.finalMessage();
        } finally {
            release.countDown();
        }
        assertThat(activeStreams()).as("ended").isZero();
        assertThat(tags(duration())).contains("outcome=success");
    }

    @Test
    void asyncStreamIsCountedWhileOpenAndNotAfterItsEnd() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(head().awaitSignal(release, WAIT).chunk(TAIL).build());
        CompletableFuture<Void> firstText = new CompletableFuture<>();
        try {
            AsyncMessageStream stream = build(client()).messages().streamAsync(request(), new StreamListener() {
                @Override
                public void onText(String delta, CharSequence textSoFar) {
                    firstText.complete(null);
                }
            });
            firstText.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(activeStreams()).as("open, held by the server").isEqualTo(1);
            release.countDown();
            stream.finalMessage().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            release.countDown();
        }
        assertThat(activeStreams()).as("ended").isZero();
    }

    @Test
    void twoOpenStreamsCountTwoAndEachEndTakesOneOff() {
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch releaseSecond = new CountDownLatch(1);
        server.enqueue(head().awaitSignal(releaseFirst, WAIT).chunk(TAIL).build());
        server.enqueue(head().awaitSignal(releaseSecond, WAIT).chunk(TAIL).build());
        Brook brook = build(client());
        try (MessageStream first = brook.messages().stream(request())) {
            readToFirstDelta(first.iterator());
            try (MessageStream second = brook.messages().stream(request())) {
                readToFirstDelta(second.iterator());
                assertThat(activeStreams()).isEqualTo(2);

                releaseFirst.countDown();
                first.finalMessage();
                assertThat(activeStreams()).as("the first ended").isEqualTo(1);

                releaseSecond.countDown();
                second.finalMessage();
                assertThat(activeStreams()).as("both ended").isZero();
            }
        } finally {
            releaseFirst.countDown();
            releaseSecond.countDown();
        }
        assertThat(duration().count()).isEqualTo(2);
    }

    @Test
    void closedStreamIsNoLongerCounted() {
        CountDownLatch release = new CountDownLatch(1);
        server.enqueue(head().awaitSignal(release, WAIT).chunk(TAIL).build());
        try {
            try (MessageStream stream = build(client()).messages().stream(request())) {
                readToFirstDelta(stream.iterator());
                assertThat(activeStreams()).isEqualTo(1);
            }
            assertThat(activeStreams()).isZero();
            assertThat(tags(duration())).contains("outcome=cancelled");
        } finally {
            release.countDown();
        }
    }

    private static void readToFirstDelta(Iterator<StreamEvent> events) {
        while (!(events.next() instanceof ContentBlockDeltaEvent)) {
            // message_start, content_block_start
        }
    }
}
