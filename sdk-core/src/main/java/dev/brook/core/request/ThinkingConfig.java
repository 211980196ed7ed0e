package dev.brook.core.request;

import dev.brook.core.client.Brook;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Extended thinking for a request: the {@code thinking} object.
 *
 * <pre>{@code
 * MessageRequest.builder()...thinking(ThinkingConfig.enabled(10_000))
 * MessageRequest.builder()...thinking(ThinkingConfig.adaptive())
 * }</pre>
 *
 * <p>When a request sets none, the model's default applies. Immutable and thread-safe.
 */
public final class ThinkingConfig {
    /** The kind of thinking. */
    public enum Type {
        /** Thinking with a token budget: {@code "enabled"}. */
        ENABLED("enabled"),
        /** The model decides how much to think: {@code "adaptive"}. */
        ADAPTIVE("adaptive"),
        /** No thinking: {@code "disabled"}. */
        DISABLED("disabled");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the type as sent, such as {@code "enabled"}} */
        public String wireName() {
            return wireName;
        }
    }

    private static final ThinkingConfig ADAPTIVE = new ThinkingConfig(Type.ADAPTIVE, 0);
    private static final ThinkingConfig DISABLED = new ThinkingConfig(Type.DISABLED, 0);

    private final Type type;
    private final int budgetTokens;

    private ThinkingConfig(Type type, int budgetTokens) {
        this.type = type;
        this.budgetTokens = budgetTokens;
    }

    /**
     * {@code {"type":"enabled","budget_tokens":budgetTokens}}. The API currently requires at least 1,024
     * and, unless interleaved thinking is on, less than {@code max_tokens}; Brook leaves those limits to
     * the API.
     *
     * @param budgetTokens the most tokens the model may spend thinking
     * @return the thinking setting
     * @throws IllegalArgumentException if {@code budgetTokens} is not positive
     */
    public static ThinkingConfig enabled(int budgetTokens) {
        if (budgetTokens <= 0) {
            throw new IllegalArgumentException("budgetTokens must be > 0, was " + budgetTokens
                    + "; the API requires at least 1024");
        }
        return new ThinkingConfig(Type.ENABLED, budgetTokens);
    }

    /** {@return {@code {"type":"adaptive"}}: the model decides when and how much to think} */
    public static ThinkingConfig adaptive() {
        return ADAPTIVE;
    }

    /** {@return {@code {"type":"disabled"}}: no thinking} */
    public static ThinkingConfig disabled() {
        return DISABLED;
    }

    /** {@return the kind of thinking} */
    public Type type() {
        return type;
    }

    /** {@return the token budget, for {@link Type#ENABLED}; empty for the other types} */
    public OptionalInt budgetTokens() {
        return type == Type.ENABLED ? OptionalInt.of(budgetTokens) : OptionalInt.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ThinkingConfig t && type == t.type && budgetTokens == t.budgetTokens;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, budgetTokens);
    }

    @Override
    public String toString() {
        return "ThinkingConfig{" + type.wireName() + (type == Type.ENABLED ? ", budgetTokens=" + budgetTokens : "")
                + '}';
    }
}
