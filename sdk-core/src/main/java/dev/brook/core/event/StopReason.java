package dev.brook.core.event;

import java.util.Objects;

/**
 * Why the model stopped: an open set. The known values are constants; any other value the API sends is
 * kept as is by {@link #of(String)}, so a new stop reason never breaks a client.
 *
 * <p>Equality is by {@link #value()}. Immutable and thread-safe.
 */
public final class StopReason {
    /** The model reached a natural stopping point. */
    public static final StopReason END_TURN = new StopReason("end_turn");
    /** The request's {@code max_tokens} was reached. */
    public static final StopReason MAX_TOKENS = new StopReason("max_tokens");
    /** One of the request's stop sequences was generated; see {@link Message#stopSequence()}. */
    public static final StopReason STOP_SEQUENCE = new StopReason("stop_sequence");
    /** The model wants to use a tool. */
    public static final StopReason TOOL_USE = new StopReason("tool_use");
    /** A long-running turn was paused; send the response back to continue it. */
    public static final StopReason PAUSE_TURN = new StopReason("pause_turn");
    /** The model declined to answer. */
    public static final StopReason REFUSAL = new StopReason("refusal");
    /** The reply filled the model's context window; see {@link Message#stopDetails()} if any. */
    public static final StopReason MODEL_CONTEXT_WINDOW_EXCEEDED = new StopReason("model_context_window_exceeded");

    private final String value;

    private StopReason(String value) {
        this.value = value;
    }

    /**
     * The stop reason for {@code value}: the matching constant when it is a known one, otherwise a new
     * instance that keeps {@code value}.
     *
     * @param value the wire value, such as {@code end_turn}
     * @return the stop reason
     * @throws NullPointerException if {@code value} is null
     */
    public static StopReason of(String value) {
        Objects.requireNonNull(value, "value");
        switch (value) {
            case "end_turn": return END_TURN;
            case "max_tokens": return MAX_TOKENS;
            case "stop_sequence": return STOP_SEQUENCE;
            case "tool_use": return TOOL_USE;
            case "pause_turn": return PAUSE_TURN;
            case "refusal": return REFUSAL;
            case "model_context_window_exceeded": return MODEL_CONTEXT_WINDOW_EXCEEDED;
            default: return new StopReason(value);
        }
    }

    /** {@return the wire value, such as {@code end_turn}} */
    public String value() {
        return value;
    }

    /** {@return true when this is one of the constants of this class} */
    public boolean isKnown() {
        return this == of(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StopReason r && value.equals(r.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The wire value. */
    @Override
    public String toString() {
        return value;
    }
}
