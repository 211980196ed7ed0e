package dev.brook.transport.apache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.core.transport.PushedBodyPublisher;
import dev.brook.core.transport.TransportExchange;
import dev.brook.core.transport.TransportResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.junit.jupiter.api.Test;

/**
 * The consumer's flow control, driven as Apache's HTTP/1.1 handler drives it: {@code consume} for each
 * read, {@code updateCapacity} once the window is used up; what it grants back through the channel.
 */
class ApacheStreamingResponseConsumerTest {
    private static final int READ = 100;

    /** Records each grant. */
    private static final class RecordingChannel implements CapacityChannel {
        final List<Integer> grants = new ArrayList<>();

        @Override
        public synchronized void update(int increment) {
            grants.add(increment);
        }

        synchronized int total() {
            return grants.stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** Requests what it is told to, from the test's thread. */
    private static final class Subscriber implements Flow.Subscriber<ByteBuffer> {
        Flow.Subscription subscription;
        long bytes;
        String end;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuffer item) {
            bytes += item.remaining();
        }

        @Override
        public void onError(Throwable t) {
            end = "error";
        }

        @Override
        public void onComplete() {
            end = "complete";
        }
    }

    private final TransportExchange exchange = TransportExchange.create();
    private final StreamingResponseConsumer consumer = new StreamingResponseConsumer(exchange, t -> t);
    private final RecordingChannel channel = new RecordingChannel();
    private final Subscriber subscriber = new Subscriber();

    private TransportResponse start() throws Exception {
        consumer.consumeResponse(new BasicHttpResponse(200), new BasicEntityDetails(-1, ContentType.TEXT_PLAIN),
                HttpCoreContext.create(), new FutureCallback<>() {
                    @Override
                    public void completed(Void result) {
                    }

                    @Override
                    public void failed(Exception ex) {
                    }

                    @Override
                    public void cancelled() {
                    }
                });
        TransportResponse response = exchange.response().getNow(null);
        assertThat(response.bodyPublisher().orElseThrow()).isInstanceOf(PushedBodyPublisher.class);
        response.bodyPublisher().orElseThrow().subscribe(subscriber);
        return response;
    }

    private void read() throws IOException {
        consumer.consume(ByteBuffer.wrap(new byte[READ]));
    }

    @Test
    void aSubscriberThatKeepsAskingIsGrantedEveryByteAsItArrivesOnceTheChannelIsKnown() throws Exception {
        start();
        subscriber.subscription.request(Long.MAX_VALUE);
        read();
        read(); // HTTP/1.1 hands the channel over only when the first window runs out
        consumer.updateCapacity(channel);
        assertThat(channel.grants).containsExactly(2 * READ);
        read();
        read();
        assertThat(channel.grants).containsExactly(2 * READ, READ, READ);
        consumer.streamEnd(null);
        consumer.releaseResources();
        assertThat(subscriber.bytes).isEqualTo(4 * READ);
        assertThat(subscriber.end).isEqualTo("complete");
    }

    @Test
    void aSubscriberThatStopsAskingStopsTheGrantsAndItsNextDemandGrantsAWindowAgain() throws Exception {
        start();
        subscriber.subscription.request(1);
        read(); // delivered
        consumer.updateCapacity(channel);
        assertThat(channel.grants).containsExactly(READ);
        read(); // no demand: held, and the publisher pauses
        read();
        read();
        consumer.updateCapacity(channel); // the window ran out: Apache stops reading until a grant
        assertThat(channel.grants).as("nothing granted while paused").containsExactly(READ);
        subscriber.subscription.request(1);
        assertThat(channel.grants).as("still nothing wanted beyond what is held").containsExactly(READ);
        subscriber.subscription.request(Long.MAX_VALUE);
        assertThat(channel.grants).as("resumed: every byte read since the pause").containsExactly(READ, 3 * READ);
        assertThat(subscriber.bytes).isEqualTo(4 * READ);
        read();
        assertThat(channel.total()).isEqualTo(5 * READ);
    }

    @Test
    void aResumeBeforeTheChannelIsKnownGrantsWhenApacheHandsItOver() throws Exception {
        start();
        read(); // nobody asked yet: paused
        read();
        subscriber.subscription.request(Long.MAX_VALUE); // resumed, but there is no channel to grant through
        consumer.updateCapacity(channel);
        assertThat(channel.grants).containsExactly(2 * READ);
    }

    @Test
    void closingTheResponseStopsTheGrantsAbortsTheExchangeAndEndsTheSubscriber() throws Exception {
        TransportResponse response = start();
        subscriber.subscription.request(1);
        read();
        consumer.updateCapacity(channel);
        read(); // held, paused
        response.close();
        subscriber.subscription.request(Long.MAX_VALUE); // what is held, then the error
        assertThat(subscriber.bytes).isEqualTo(2 * READ);
        assertThat(subscriber.end).isEqualTo("error");
        consumer.resume();
        assertThat(channel.grants).as("no grant after the exchange ended").containsExactly(READ);
        assertThatThrownBy(this::read).as("the next callback makes Apache discard the connection")
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> consumer.updateCapacity(channel)).isInstanceOf(IOException.class);
    }

    @Test
    void nothingIsGrantedAfterTheBodyEnded() throws Exception {
        start();
        subscriber.subscription.request(Long.MAX_VALUE);
        read();
        consumer.streamEnd(null);
        consumer.updateCapacity(channel);
        assertThat(channel.grants).isEmpty();
        consumer.releaseResources();
        assertThat(subscriber.end).isEqualTo("complete");
    }
}
