package dev.brook.opentelemetry;

import dev.brook.core.transport.Transport;
import dev.brook.transport.apache.ApacheTransport;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.io.CloseMode;

/**
 * The tracing suite on the {@code apache} transport around a user's classic (blocking) client, Apache's
 * own retries off as its README advises; Brook does not close it, so the suite does. Async callbacks run
 * on Brook's blocking threads.
 */
class ApacheClassicTracingTest extends TracingSuite {
    private CloseableHttpClient client;

    @Override
    Transport newTransport() {
        client = HttpClients.custom().disableAutomaticRetries().build();
        return ApacheTransport.of(client);
    }

    @Override
    void closeExtras() {
        client.close(CloseMode.IMMEDIATE);
    }
}
