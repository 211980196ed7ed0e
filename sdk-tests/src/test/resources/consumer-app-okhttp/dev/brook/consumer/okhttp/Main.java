package dev.brook.consumer.okhttp;

import dev.brook.core.client.Brook;
import dev.brook.core.transport.TransportProvider;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Prints the transports {@link ServiceLoader} finds, and the one Brook picks for a client to {@code args[0]}. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("transports: " + ServiceLoader.load(TransportProvider.class).stream()
                .map(provider -> provider.get().name()).sorted().collect(Collectors.toList()));
        try (Brook brook = Brook.builder().apiKey("sk-ant-consumer-check").baseUrl(args[0]).build()) {
            System.out.println("picked: " + brook.transportName());
        }
    }
}
