package dev.brook.core.event;

import dev.brook.core.json.JsonValue;
import java.util.Objects;

/**
 * The {@code delta} of a {@code content_block_delta} event: a piece of a content block. Kinds this
 * version does not know arrive as {@link UnknownDelta}, kept raw, and change nothing when accumulated.
 * Fields of a known delta kind other than its payload are not kept (they fold into nothing).
 *
 * <p>Implementations are immutable records.
 */
public sealed interface Delta
        permits Delta.TextDelta, Delta.InputJsonDelta, Delta.ThinkingDelta, Delta.SignatureDelta,
        Delta.CitationsDelta, Delta.CompactionDelta, Delta.UnknownDelta {

    /** {@return the delta's JSON {@code type}, such as {@code text_delta}} */
    String type();

    /**
     * {@code text_delta}: text appended to a {@link TextBlock}.
     *
     * @param text the piece of text
     */
    record TextDelta(String text) implements Delta {
        /**
         * @param text the piece of text
         * @throws NullPointerException if {@code text} is null
         */
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }

        /** Always {@code text_delta}. */
        @Override
        public String type() {
            return "text_delta";
        }
    }

    /**
     * {@code input_json_delta}: a fragment of a tool's input JSON. Fragments split anywhere, even inside
     * strings and numbers; only their concatenation is JSON.
     *
     * @param partialJson the fragment
     */
    record InputJsonDelta(String partialJson) implements Delta {
        /**
         * @param partialJson the fragment
         * @throws NullPointerException if {@code partialJson} is null
         */
        public InputJsonDelta {
            Objects.requireNonNull(partialJson, "partialJson");
        }

        /** Always {@code input_json_delta}. */
        @Override
        public String type() {
            return "input_json_delta";
        }
    }

    /**
     * {@code thinking_delta}: text appended to a {@link ThinkingBlock}.
     *
     * @param thinking the piece
     */
    record ThinkingDelta(String thinking) implements Delta {
        /**
         * @param thinking the piece
         * @throws NullPointerException if {@code thinking} is null
         */
        public ThinkingDelta {
            Objects.requireNonNull(thinking, "thinking");
        }

        /** Always {@code thinking_delta}. */
        @Override
        public String type() {
            return "thinking_delta";
        }
    }

    /**
     * {@code signature_delta}: replaces a {@link ThinkingBlock}'s signature.
     *
     * @param signature the signature
     */
    record SignatureDelta(String signature) implements Delta {
        /**
         * @param signature the signature
         * @throws NullPointerException if {@code signature} is null
         */
        public SignatureDelta {
            Objects.requireNonNull(signature, "signature");
        }

        /** Always {@code signature_delta}. */
        @Override
        public String type() {
            return "signature_delta";
        }
    }

    /**
     * {@code compaction_delta}: text appended to a {@link CompactionBlock}'s summary.
     *
     * @param content the text this delta appends
     */
    record CompactionDelta(String content) implements Delta {
        /**
         * Checks the text.
         *
         * @param content the text this delta appends
         * @throws NullPointerException if {@code content} is null
         */
        public CompactionDelta {
            Objects.requireNonNull(content, "content");
        }

        /** Always {@code compaction_delta}. */
        @Override
        public String type() {
            return "compaction_delta";
        }
    }

    /**
     * {@code citations_delta}: one citation appended to a {@link TextBlock}'s citations.
     *
     * @param citation the citation object
     */
    record CitationsDelta(JsonValue citation) implements Delta {
        /**
         * @param citation the citation object
         * @throws NullPointerException if {@code citation} is null
         */
        public CitationsDelta {
            Objects.requireNonNull(citation, "citation");
        }

        /** {@return the citation, typed} */
        public Citation typed() {
            return Citation.of(citation);
        }

        /** Always {@code citations_delta}. */
        @Override
        public String type() {
            return "citations_delta";
        }
    }

    /**
     * A delta of a kind this version does not know (or a known kind missing its payload), kept raw.
     *
     * @param type its {@code type} ({@code ""} when it had none)
     * @param raw the whole delta object as received
     */
    record UnknownDelta(String type, JsonValue raw) implements Delta {
        /**
         * @param type its {@code type} ({@code ""} when it had none)
         * @param raw the whole delta object as received
         * @throws NullPointerException if any argument is null
         */
        public UnknownDelta {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(raw, "raw");
        }
    }
}
