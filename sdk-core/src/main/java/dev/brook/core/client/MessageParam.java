package dev.brook.core.client;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One turn of the conversation sent in a {@link MessageRequest}: a role and its content blocks.
 *
 * <pre>{@code
 * MessageParam question = MessageParam.user("What is in this picture?");
 * MessageParam withImage = MessageParam.user(ImageContent.url(url), TextContent.of("Describe it."));
 * MessageParam answer = MessageParam.toolResult(toolUse.id(), "15°C, light rain");
 * }</pre>
 *
 * <p>A turn holding a single text block without options is sent in the short form
 * {@code "content":"text"}; any other turn as a list of blocks. Immutable and thread-safe.
 *
 * @param role who speaks
 * @param content the blocks, at least one; copied into an unmodifiable list
 */
public record MessageParam(Role role, List<RequestContent> content) {

    /** Who speaks in a turn. */
    public enum Role {
        /** The caller: {@code "user"}. */
        USER("user"),
        /** The model: {@code "assistant"}. */
        ASSISTANT("assistant");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        /** The role as sent: {@code "user"} or {@code "assistant"}. */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Checks the role and copies the content.
     *
     * @throws NullPointerException if {@code role}, {@code content} or a block is null
     * @throws IllegalArgumentException if {@code content} is empty
     */
    public MessageParam {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        content = List.copyOf(content);
        if (content.isEmpty()) {
            throw new IllegalArgumentException("a " + role.wireName()
                    + " message needs at least one content block");
        }
    }

    /** A user turn holding {@code text}. */
    public static MessageParam user(String text) {
        return new MessageParam(Role.USER, List.of(TextContent.of(text)));
    }

    /**
     * A user turn holding the given blocks, in order.
     *
     * @throws IllegalArgumentException if no block is given
     */
    public static MessageParam user(RequestContent... content) {
        return new MessageParam(Role.USER, Arrays.asList(Objects.requireNonNull(content, "content")));
    }

    /**
     * A user turn holding the given blocks, in order; for example several {@link ToolResult}s at once.
     *
     * @throws IllegalArgumentException if {@code content} is empty
     */
    public static MessageParam user(List<? extends RequestContent> content) {
        return new MessageParam(Role.USER, List.copyOf(Objects.requireNonNull(content, "content")));
    }

    /** An assistant turn holding {@code text}; as the last turn, it prefills the model's answer. */
    public static MessageParam assistant(String text) {
        return new MessageParam(Role.ASSISTANT, List.of(TextContent.of(text)));
    }

    /**
     * An assistant turn holding the given blocks, in order.
     *
     * @throws IllegalArgumentException if no block is given
     */
    public static MessageParam assistant(RequestContent... content) {
        return new MessageParam(Role.ASSISTANT, Arrays.asList(Objects.requireNonNull(content, "content")));
    }

    /**
     * An assistant turn holding the given blocks, in order.
     *
     * @throws IllegalArgumentException if {@code content} is empty
     */
    public static MessageParam assistant(List<? extends RequestContent> content) {
        return new MessageParam(Role.ASSISTANT, List.copyOf(Objects.requireNonNull(content, "content")));
    }

    /**
     * A user turn answering one tool call: {@code user(ToolResult.of(toolUseId, content))}.
     *
     * @throws IllegalArgumentException if {@code toolUseId} is blank
     */
    public static MessageParam toolResult(String toolUseId, String content) {
        return user(ToolResult.of(toolUseId, content));
    }

    /**
     * A user turn answering one tool call that failed:
     * {@code user(ToolResult.error(toolUseId, message))}.
     *
     * @throws IllegalArgumentException if {@code toolUseId} is blank
     */
    public static MessageParam toolError(String toolUseId, String message) {
        return user(ToolResult.error(toolUseId, message));
    }

    /** The role and the number and kinds of blocks; no content. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MessageParam{").append(role.wireName()).append(": ");
        for (int i = 0; i < content.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(content.get(i).type());
        }
        return sb.append('}').toString();
    }
}
