package dev.brook.core.request;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Extended thinking for a request: the {@code thinking} object.
 *
 * <pre>{@code
 * MessageRequest.builder()...thinking(ThinkingConfig.enabled(10_000))
 * MessageRequest.builder()...thinking(ThinkingConfig.adaptive())
 * MessageRequest.builder()...thinking(ThinkingConfig.adaptive().withDisplay(ThinkingConfig.Display.SUMMARIZED))
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

    /**
     * What thinking blocks of the response carry: the {@code display} field. Whatever is chosen, thinking
     * is billed the same and each block keeps its {@code signature}, so it can be sent back unchanged.
     */
    public enum Display {
        /** The thinking text is a summary of the model's reasoning: {@code "summarized"}. */
        SUMMARIZED("summarized"),
        /**
         * The thinking text is empty and only the signature comes back, so the answer starts streaming
         * sooner: {@code "omitted"}.
         */
        OMITTED("omitted");

        private final String wireName;

        Display(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the display as sent, such as {@code "summarized"}} */
        public String wireName() {
            return wireName;
        }
    }

    private static final ThinkingConfig ADAPTIVE = new ThinkingConfig(Type.ADAPTIVE, 0, null);
    private static final ThinkingConfig DISABLED = new ThinkingConfig(Type.DISABLED, 0, null);

    private final Type type;
    private final int budgetTokens;
    private final Display display;

    private ThinkingConfig(Type type, int budgetTokens, Display display) {
        this.type = type;
        this.budgetTokens = budgetTokens;
        this.display = display;
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
        return new ThinkingConfig(Type.ENABLED, budgetTokens, null);
    }

    /** {@return {@code {"type":"adaptive"}}: the model decides when and how much to think} */
    public static ThinkingConfig adaptive() {
        return ADAPTIVE;
    }

    /** {@return {@code {"type":"disabled"}}: no thinking} */
    public static ThinkingConfig disabled() {
        return DISABLED;
    }

    /**
     * A copy that sends {@code "display":display}. Unset (the default), the model's default applies,
     * which the API documents as {@code "summarized"} for earlier Claude 4 models and {@code "omitted"}
     * for the latest ones; set it to get the same output on every model.
     *
     * @param display what thinking blocks carry
     * @return the changed copy
     * @throws IllegalStateException on {@link #disabled()}, which takes no display
     */
    public ThinkingConfig withDisplay(Display display) {
        Objects.requireNonNull(display, "display");
        if (type == Type.DISABLED) {
            throw new IllegalStateException("thinking disabled takes no display; use ThinkingConfig.adaptive()"
                    + " or ThinkingConfig.enabled(budgetTokens)");
        }
        return new ThinkingConfig(type, budgetTokens, display);
    }

    /** {@return the display sent, if set} */
    public Optional<Display> display() {
        return Optional.ofNullable(display);
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
        return o instanceof ThinkingConfig t && type == t.type && budgetTokens == t.budgetTokens
                && display == t.display;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, budgetTokens, display);
    }

    @Override
    public String toString() {
        return "ThinkingConfig{" + type.wireName() + (type == Type.ENABLED ? ", budgetTokens=" + budgetTokens : "")
                + (display == null ? "" : ", display=" + display.wireName()) + '}';
    }
}
