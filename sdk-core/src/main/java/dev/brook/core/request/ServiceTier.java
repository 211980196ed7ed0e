package dev.brook.core.request;

import java.util.Objects;

/**
 * Which service tier may serve the request: the {@code service_tier} field. {@link #auto()} uses Priority
 * Tier capacity when the organisation has it and falls back to standard; {@link #standardOnly()} always
 * uses the standard tier. The set is open: {@link #of(String)} sends a value Brook does not name yet. The
 * response's usage says which tier served it.
 *
 * <pre>{@code
 * MessageRequest.builder()...serviceTier(ServiceTier.standardOnly())
 * }</pre>
 *
 * <p>When a request sets none, the API uses {@code auto}. Immutable and thread-safe.
 */
public final class ServiceTier {
    private static final ServiceTier AUTO = new ServiceTier("auto");
    private static final ServiceTier STANDARD_ONLY = new ServiceTier("standard_only");

    private final String wireName;

    private ServiceTier(String wireName) {
        this.wireName = wireName;
    }

    /** {@return {@code "auto"}: Priority Tier when available, else standard} */
    public static ServiceTier auto() {
        return AUTO;
    }

    /** {@return {@code "standard_only"}: the standard tier only} */
    public static ServiceTier standardOnly() {
        return STANDARD_ONLY;
    }

    /**
     * The tier as the API spells it, for values Brook does not name yet; {@code "auto"} and
     * {@code "standard_only"} give {@link #auto()} and {@link #standardOnly()}.
     *
     * @param wireName the value to send, e.g. {@code "standard_only"}
     * @return the tier
     * @throws IllegalArgumentException if {@code wireName} is blank
     */
    public static ServiceTier of(String wireName) {
        Checks.nonBlank(wireName, "service tier", "pass e.g. \"auto\" or \"standard_only\"");
        return switch (wireName) {
            case "auto" -> AUTO;
            case "standard_only" -> STANDARD_ONLY;
            default -> new ServiceTier(wireName);
        };
    }

    /** {@return the tier as sent, e.g. {@code "auto"}} */
    public String wireName() {
        return wireName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceTier t && wireName.equals(t.wireName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(wireName);
    }

    @Override
    public String toString() {
        return "ServiceTier{" + wireName + '}';
    }
}
