package dev.brook.core.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Argument checks of the request model, with messages that name the argument and the fix. Stateless. */
final class Checks {
    private Checks() {
    }

    /**
     * {@code value}, checked non-null and non-blank.
     *
     * @param hint what to pass instead, appended to the message, e.g. {@code "pass a URL such as ..."}
     */
    static String nonBlank(String value, String name, String hint) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank; " + hint);
        }
        return value;
    }

    /** {@code value}, checked positive. */
    static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }

    /**
     * A copy of a domain list, each a bare host name: not blank and without a scheme or path.
     *
     * @param name the setter, for messages, e.g. {@code "allowedDomains"}
     */
    static List<String> domains(List<String> domains, String name) {
        Objects.requireNonNull(domains, name);
        List<String> copy = new ArrayList<>(domains.size());
        for (String domain : domains) {
            Objects.requireNonNull(domain, name + " element");
            if (domain.isBlank()) {
                throw new IllegalArgumentException(name + " holds a blank domain; pass host names such as "
                        + "\"example.com\"");
            }
            if (domain.contains("://")) {
                throw new IllegalArgumentException(name + " holds \"" + domain + "\", which has a scheme; pass "
                        + "the host name only, e.g. \"" + domain.substring(domain.indexOf("://") + 3) + "\"");
            }
            copy.add(domain);
        }
        return List.copyOf(copy);
    }

    /** A copy of a list of names, each not blank. */
    static List<String> names(List<String> names, String name) {
        Objects.requireNonNull(names, name);
        for (String n : names) {
            Objects.requireNonNull(n, name + " element");
            if (n.isBlank()) {
                throw new IllegalArgumentException(name + " holds a blank name");
            }
        }
        return List.copyOf(names);
    }
}
