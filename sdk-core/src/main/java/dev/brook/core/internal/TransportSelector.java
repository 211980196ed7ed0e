package dev.brook.core.internal;

import dev.brook.core.client.Brook;
import dev.brook.core.error.NoTransportException;
import dev.brook.core.transport.TransportProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** Picks a {@link TransportProvider} by the rules documented on {@link TransportProvider}. */
public final class TransportSelector {
    public static final String PROPERTY = "brook.transport";
    public static final String ENV = "BROOK_TRANSPORT";
    private static final String MODULES =
            "brook-transport-jdk, brook-transport-okhttp, brook-transport-apache, brook-transport-vertx";
    private static final System.Logger LOG = System.getLogger(TransportSelector.class.getName());
    private static final AtomicBoolean LOGGED_CHOICE = new AtomicBoolean();

    private TransportSelector() {
    }

    /** Every provider on the class path of {@code loader}, in discovery order. */
    public static List<TransportProvider> discover(ClassLoader loader) {
        List<TransportProvider> found = new ArrayList<>();
        ServiceLoader.load(TransportProvider.class, loader).forEach(found::add);
        return found;
    }

    /**
     * @param requested the name the user asked for in the builder, or {@code null}
     * @param property the value of the system property, or {@code null}
     * @param env the value of the environment variable, or {@code null}
     */
    public static TransportProvider select(List<TransportProvider> found, String requested, String property, String env) {
        String wanted = firstNonBlank(requested, property, env);
        if (wanted != null) {
            for (TransportProvider p : found) {
                if (p.name().equalsIgnoreCase(wanted.trim())) {
                    return p;
                }
            }
            String source = requested != null && !requested.isBlank() ? "Brook.builder().transport(\"" + wanted + "\")"
                    : property != null && !property.isBlank() ? "system property " + PROPERTY + "=" + wanted
                    : "environment variable " + ENV + "=" + wanted;
            throw new NoTransportException("No Brook transport named '" + wanted + "' (asked for by " + source
                    + "). Found: " + names(found) + ". Add the module brook-transport-" + wanted.trim()
                    + " or choose one of those found.");
        }
        if (found.isEmpty()) {
            throw new NoTransportException("No Brook transport found on the class path. Add one of: " + MODULES + ".");
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        TransportProvider best = found.stream()
                .max(Comparator.comparingInt(TransportProvider::priority))
                .orElseThrow();
        if (LOGGED_CHOICE.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "Several Brook transports found (" + names(found) + "); using '"
                    + best.name() + "', the highest priority. Choose with -D" + PROPERTY + "=NAME, "
                    + ENV + "=NAME or Brook.builder().transport(\"NAME\").");
        }
        return best;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private static String names(List<TransportProvider> found) {
        return found.isEmpty() ? "none"
                : found.stream().map(TransportProvider::name).collect(Collectors.joining(", "));
    }
}
