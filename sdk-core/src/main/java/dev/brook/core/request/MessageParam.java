package dev.brook.core.request;

import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.RedactedThinkingBlock;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.TextBlock;
import dev.brook.core.event.ThinkingBlock;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;
import java.util.ArrayList;
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

        /** {@return the role as sent: {@code "user"} or {@code "assistant"}} */
        public String wireName() {
            return wireName;
        }
    }

    /**
     * Checks the role and copies the content.
     *
     * @param role who speaks
     * @param content the blocks, at least one; copied into an unmodifiable list
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

    /**
     * A user turn holding {@code text}.
     *
     * @param text the user's message
     * @return the turn, one text block
     */
    public static MessageParam user(String text) {
        return new MessageParam(Role.USER, List.of(TextContent.of(text)));
    }

    /**
     * A user turn holding the given blocks, in order.
     *
     * @param content the blocks, at least one
     * @return the turn
     * @throws IllegalArgumentException if no block is given
     */
    public static MessageParam user(RequestContent... content) {
        return new MessageParam(Role.USER, Arrays.asList(Objects.requireNonNull(content, "content")));
    }

    /**
     * A user turn holding the given blocks, in order; for example several {@link ToolResult}s at once.
     *
     * @param content the blocks, at least one
     * @return the turn
     * @throws IllegalArgumentException if {@code content} is empty
     */
    public static MessageParam user(List<? extends RequestContent> content) {
        return new MessageParam(Role.USER, List.copyOf(Objects.requireNonNull(content, "content")));
    }

    /**
     * An assistant turn holding {@code text}; as the last turn, it prefills the model's answer.
     *
     * @param text the assistant's message
     * @return the turn, one text block
     */
    public static MessageParam assistant(String text) {
        return new MessageParam(Role.ASSISTANT, List.of(TextContent.of(text)));
    }

    /**
     * An assistant turn holding the given blocks, in order.
     *
     * @param content the blocks, at least one
     * @return the turn
     * @throws IllegalArgumentException if no block is given
     */
    public static MessageParam assistant(RequestContent... content) {
        return new MessageParam(Role.ASSISTANT, Arrays.asList(Objects.requireNonNull(content, "content")));
    }

    /**
     * An assistant turn holding the given blocks, in order.
     *
     * @param content the blocks, at least one
     * @return the turn
     * @throws IllegalArgumentException if {@code content} is empty
     */
    public static MessageParam assistant(List<? extends RequestContent> content) {
        return new MessageParam(Role.ASSISTANT, List.copyOf(Objects.requireNonNull(content, "content")));
    }

    /**
     * The assistant turn that sends a response back in the next request, so the conversation (or the
     * manual tool loop) goes on in one call:
     *
     * <pre>{@code
     * Message reply = stream.finalMessage();
     * MessageRequest next = request.newBuilder()
     *         .addMessage(MessageParam.assistant(reply))
     *         .addMessage(MessageParam.toolResult(toolUse.id(), runTool(toolUse)))
     *         .build();
     * }</pre>
     *
     * <p>Each block of {@code finalMessage}, in order, becomes:
     * <ul>
     *   <li>{@code text}: a {@link TextContent}, with its {@code citations} when it has them; an empty
     *       text block without citations is left out, as the API refuses empty text blocks;</li>
     *   <li>{@code thinking}: a {@link ThinkingContent} with its signature, unchanged, as the API checks it;</li>
     *   <li>{@code redacted_thinking}: a {@link RedactedThinkingContent}, unchanged;</li>
     *   <li>{@code tool_use}: a {@link ToolUseContent} with the same id, name and input;</li>
     *   <li>server tool blocks ({@code server_tool_use}, {@code web_search_tool_result}, ...), blocks this
     *       version does not know, and any block carrying fields Brook does not model (or a thinking block
     *       without a signature, or a tool input that is not an object): a {@link RawContent} holding the
     *       block's JSON exactly as the API sent it.</li>
     * </ul>
     * The message's role, stop reason and usage are not part of a turn and are not sent. The message is
     * read, not kept: the turn holds copies.
     *
     * @param finalMessage a complete response, typically {@code MessageStream.finalMessage()}
     * @return the assistant turn holding the converted blocks
     * @throws IllegalArgumentException if nothing is left to send (no block, or only empty text), or a
     *     block has no {@code type}
     */
    public static MessageParam assistant(Message finalMessage) {
        Objects.requireNonNull(finalMessage, "finalMessage");
        List<ContentBlock> blocks = finalMessage.content();
        List<RequestContent> content = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            RequestContent converted = toRequestContent(blocks.get(i), i);
            if (converted != null) {
                content.add(converted);
            }
        }
        if (content.isEmpty()) {
            throw new IllegalArgumentException("message " + finalMessage.id() + " has no content to send back"
                    + " as an assistant turn (" + blocks.size() + " blocks, stop reason "
                    + finalMessage.stopReason().map(StopReason::value).orElse("none")
                    + "); leave the turn out or add MessageParam.assistant(text) instead");
        }
        return new MessageParam(Role.ASSISTANT, content);
    }

    /** The request form of a response block, or null for a block that is left out. */
    private static RequestContent toRequestContent(ContentBlock block, int index) {
        boolean modelled = block.unknownFields().isEmpty();
        if (modelled && block instanceof TextBlock text) {
            if (text.citations().isEmpty()) {
                return text.text().isEmpty() ? null : TextContent.of(text.text());
            }
            return TextContent.of(text.text()).withCitations(new JsonValue.JsonArray(text.citations().get()));
        }
        if (modelled && block instanceof ThinkingBlock thinking && thinking.signature().isPresent()) {
            return new ThinkingContent(thinking.thinking(), thinking.signature().get());
        }
        if (modelled && block instanceof RedactedThinkingBlock redacted) {
            return new RedactedThinkingContent(redacted.data());
        }
        if (modelled && block instanceof ToolUseBlock use && use.input() instanceof JsonValue.JsonObject
                && !use.id().isBlank() && !use.name().isBlank()) {
            return new ToolUseContent(use.id(), use.name(), use.input());
        }
        if (block.type().isEmpty()) {
            throw new IllegalArgumentException("content block " + index + " of the message has no type,"
                    + " so it cannot be sent back: " + ClientJson.abbreviate(block.toJson(), 60));
        }
        return RawContent.of(block.toJsonValue());
    }

    /**
     * A user turn answering one tool call: {@code user(ToolResult.of(toolUseId, content))}.
     *
     * @param toolUseId the id of the {@code tool_use} block answered
     * @param content the tool's result, as text
     * @return the user turn holding the one result
     * @throws IllegalArgumentException if {@code toolUseId} is blank
     */
    public static MessageParam toolResult(String toolUseId, String content) {
        return user(ToolResult.of(toolUseId, content));
    }

    /**
     * A user turn answering one tool call that failed:
     * {@code user(ToolResult.error(toolUseId, message))}.
     *
     * @param toolUseId the id of the {@code tool_use} block answered
     * @param message what went wrong, for the model to read
     * @return the user turn holding the one error result
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
