package dev.brook.cli.readme;

import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;

/** The README's transport provider example, compiled. Not registered as a service, so discovery never sees it. */
public final class MyTransportProvider implements TransportProvider {
    @Override
    public String name() {
        return "my-http";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Transport create(TransportConfig config) {
        return MyTransport.create(config);
    }
}
