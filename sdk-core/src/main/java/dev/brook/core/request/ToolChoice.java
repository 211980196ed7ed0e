package dev.brook.core.request;

import java.util.Objects;
import java.util.Optional;

/**
 * How the model may use the request's tools: the {@code tool_choice} object.
 *
 * <pre>{@code
 * ToolChoice one = ToolChoice.tool("get_weather");
 * ToolChoice serial = ToolChoice.auto().disableParallelToolUse();
 * }</pre>
 *
 * <p>When a request sets none, the API uses {@code auto}. Immutable and thread-safe.
 */
public final class ToolChoice {
    /** The kind of choice. */
    public enum Type {
        /** The model decides whether to call tools: {@code "auto"}. */
        AUTO("auto"),
        /** The model must call one of the tools: {@code "any"}. */
        ANY("any"),
        /** The model must call the named tool: {@code "tool"}. */
        TOOL("tool"),
        /** The model must not call tools: {@code "none"}. */
        NONE("none");

        private final String wireName;

        Type(String wireName) {
            this.wireName = wireName;
        }

        /** {@return the type as sent, such as {@code "auto"}} */
        public String wireName() {
            return wireName;
        }
    }

    private static final ToolChoice AUTO = new ToolChoice(Type.AUTO, null, false);
    private static final ToolChoice ANY = new ToolChoice(Type.ANY, null, false);
    private static final ToolChoice NONE = new ToolChoice(Type.NONE, null, false);

    private final Type type;
    private final String toolName;
    private final boolean disableParallelToolUse;

    private ToolChoice(Type type, String toolName, boolean disableParallelToolUse) {
        this.type = type;
        this.toolName = toolName;
        this.disableParallelToolUse = disableParallelToolUse;
    }

    /** {@return {@code {"type":"auto"}}: the model decides} */
    public static ToolChoice auto() {
        return AUTO;
    }

    /** {@return {@code {"type":"any"}}: the model must call some tool} */
    public static ToolChoice any() {
        return ANY;
    }

    /**
     * {@code {"type":"tool","name":name}}: the model must call that tool.
     *
     * @param name the name of the tool to call
     * @return the tool choice
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static ToolChoice tool(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("tool name is blank");
        }
        return new ToolChoice(Type.TOOL, name, false);
    }

    /** {@return {@code {"type":"none"}}: the model must not call tools} */
    public static ToolChoice none() {
        return NONE;
    }

    /**
     * A copy that sends {@code "disable_parallel_tool_use":true}: at most one tool call per turn
     * ({@code auto}), or exactly one ({@code any}, {@code tool}).
     *
     * @return the changed copy
     * @throws IllegalStateException on {@link #none()}, which takes no such option
     */
    public ToolChoice disableParallelToolUse() {
        if (type == Type.NONE) {
            throw new IllegalStateException("tool_choice none takes no disable_parallel_tool_use");
        }
        return new ToolChoice(type, toolName, true);
    }

    /** {@return the kind of choice} */
    public Type type() {
        return type;
    }

    /** {@return the tool's name, for {@link Type#TOOL}; empty for the other types} */
    public Optional<String> toolName() {
        return Optional.ofNullable(toolName);
    }

    /** {@return whether {@code disable_parallel_tool_use} is sent as {@code true}; default {@code false}} */
    public boolean isParallelToolUseDisabled() {
        return disableParallelToolUse;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ToolChoice c && type == c.type && Objects.equals(toolName, c.toolName)
                && disableParallelToolUse == c.disableParallelToolUse;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, toolName, disableParallelToolUse);
    }

    @Override
    public String toString() {
        return "ToolChoice{" + type.wireName() + (toolName == null ? "" : " " + toolName)
                + (disableParallelToolUse ? ", disableParallelToolUse" : "") + '}';
    }
}
