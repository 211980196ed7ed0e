package dev.brook.core.accumulate;

import dev.brook.core.event.ContentBlock;
import dev.brook.core.json.JsonValue;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one stream event changed, in the terms an application shows: text with the block's text so far,
 * a tool input fragment with the input parsed so far, thinking, a signature, a citation, a block's start
 * and its final form at stop; each with its block index. A sync stream gives them from
 * {@code MessageStream.updates()}; async listeners get the same facts as {@code StreamListener}
 * callbacks. Events that change no block (pings, {@code message_delta}, unknown kinds) give none.
 *
 * <p>The "so far" views are live: read them before taking the next update. Updates are values
 * otherwise; they are made as the stream is read, each from the state after its own event.
 */
public sealed interface StreamUpdate {
    /** {@return the index of the content block the update is about} */
    int index();

    /**
     * A text delta.
     *
     * @param index the block's index
     * @param delta the text this delta appends
     * @param textSoFar the block's text including this delta: a live view, valid until the next update
     */
    record Text(int index, String delta, CharSequence textSoFar) implements StreamUpdate {
        /**
         * Checks the components.
         *
         * @param index the block's index
         * @param delta the text this delta appends
         * @param textSoFar the block's text so far
         * @throws NullPointerException if an argument is null
         */
        public Text {
            Objects.requireNonNull(delta, "delta");
            Objects.requireNonNull(textSoFar, "textSoFar");
        }
    }

    /**
     * A fragment of a tool's input JSON ({@code tool_use}, {@code server_tool_use}, {@code mcp_tool_use}).
     *
     * @param index the block's index
     * @param fragment the fragment, split anywhere (even inside a string or number)
     * @param partialInput gives the best-effort value of the input so far, parsed only when asked; call
     *     it before taking the next update
     */
    record InputJson(int index, String fragment, Supplier<JsonValue> partialInput) implements StreamUpdate {
        /**
         * Checks the components.
         *
         * @param index the block's index
         * @param fragment the fragment
         * @param partialInput gives the input so far
         * @throws NullPointerException if an argument is null
         */
        public InputJson {
            Objects.requireNonNull(fragment, "fragment");
            Objects.requireNonNull(partialInput, "partialInput");
        }
    }

    /**
     * A thinking delta.
     *
     * @param index the block's index
     * @param delta the thinking this delta appends
     * @param thinkingSoFar the block's thinking including this delta: a live view, valid until the next
     *     update
     */
    record Thinking(int index, String delta, CharSequence thinkingSoFar) implements StreamUpdate {
        /**
         * Checks the components.
         *
         * @param index the block's index
         * @param delta the thinking this delta appends
         * @param thinkingSoFar the block's thinking so far
         * @throws NullPointerException if an argument is null
         */
        public Thinking {
            Objects.requireNonNull(delta, "delta");
            Objects.requireNonNull(thinkingSoFar, "thinkingSoFar");
        }
    }

    /**
     * The signature of a thinking block, which replaces any earlier one.
     *
     * @param index the block's index
     * @param signature the signature
     */
    record Signature(int index, String signature) implements StreamUpdate {
        /**
         * Checks the components.
         *
         * @param index the block's index
         * @param signature the signature
         * @throws NullPointerException if {@code signature} is null
         */
        public Signature {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /**
     * A citation added to a text block.
     *
     * @param index the block's index
     * @param citation the citation object
     */
    record Citation(int index, JsonValue citation) implements StreamUpdate {
        /**
         * Checks the components.
         *
         * @param index the block's index
         * @param citation the citation object
         * @throws NullPointerException if {@code citation} is null
         */
        public Citation {
            Objects.requireNonNull(citation, "citation");
        }
    }

    /**
     * A content block started.
     *
     * @param index the block's index
     * @param block the block as it starts (text and input still empty)
     */
    record BlockStart(int index, ContentBlock block) implements StreamUpdate {
        /**
         * Checks the components.
         *
         * @param index the block's index
         * @param block the block as it starts
         * @throws NullPointerException if {@code block} is null
         */
        public BlockStart {
            Objects.requireNonNull(block, "block");
        }
    }

    /**
     * A content block stopped.
     *
     * @param index the block's index
     * @param block the block, final
     */
    record BlockStop(int index, ContentBlock block) implements StreamUpdate {
        /**
         * Checks the components.
         *
         * @param index the block's index
         * @param block the block, final
         * @throws NullPointerException if {@code block} is null
         */
        public BlockStop {
            Objects.requireNonNull(block, "block");
        }
    }
}
