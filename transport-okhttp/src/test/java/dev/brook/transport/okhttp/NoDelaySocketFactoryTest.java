package dev.brook.transport.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

class NoDelaySocketFactoryTest {
    @Test
    void everySocketItMakesHasNagleOffUnconnectedOrConnected() throws Exception {
        SocketFactory factory = OkHttpTransport.noDelaySockets();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 50, loopback);
                Socket unconnected = factory.createSocket();
                Socket byName = factory.createSocket(loopback.getHostAddress(), server.getLocalPort());
                Socket byAddress = factory.createSocket(loopback, server.getLocalPort())) {
            unconnected.connect(new InetSocketAddress(loopback, server.getLocalPort()));
            assertThat(unconnected.getTcpNoDelay()).as("the socket OkHttp asks for, once connected").isTrue();
            assertThat(byName.getTcpNoDelay()).isTrue();
            assertThat(byAddress.getTcpNoDelay()).isTrue();
            assertThat(new Socket().getTcpNoDelay()).as("the JDK's default, which OkHttp keeps").isFalse();
        }
    }
}
