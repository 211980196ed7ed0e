package dev.brook.core.accumulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.event.CompactionBlock;
import dev.brook.core.event.ContentBlock;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.ContentBlockStartEvent;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.ErrorEvent;
import dev.brook.core.event.FallbackBlock;
import dev.brook.core.event.McpToolUseBlock;
import dev.brook.core.event.Message;
import dev.brook.core.event.MessageDeltaEvent;
import dev.brook.core.event.MessageStartEvent;
import dev.brook.core.event.MessageStopEvent;
import dev.brook.core.event.PingEvent;
import dev.brook.core.event.ServerToolUseBlock;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.TextBlock;
import dev.brook.core.event.ThinkingBlock;
import dev.brook.core.event.ToolUseBlock;
import dev.brook.core.event.UnknownBlock;
import dev.brook.core.event.UnknownEvent;
import dev.brook.core.event.Usage;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.internal.PartialJson;
import dev.brook.core.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Folds the events of one stream into a {@link Message}, checking that they follow the protocol.
 *
 * <p>Rules (those of the conformance fixtures): {@code message_start} gives the initial message, every
 * field kept; {@code content_block_start} adds its block whole, at the next free index;
 * {@code text_delta} and {@code thinking_delta} append, {@code signature_delta} replaces the signature,
 * {@code citations_delta} appends its citation (creating {@code citations} when absent);
 * {@code input_json_delta} fragments are joined and parsed into {@code input} at
 * {@code content_block_stop} — an empty join keeps the start block's input, and text cut off (by
 * {@code max_tokens}) gives the best-effort value of the JSON received, not an error;
 * {@code message_delta} copies every field of its {@code delta} onto the message and every non-null usage
 * field onto the usage; {@code message_stop} completes the message. {@code ping}, unknown events, unknown
 * delta kinds and any delta on an unknown block kind change nothing. An {@link ErrorEvent} is not applied
 * (the stream raises it; see {@link MessageStreamDecoder}).
 *
 * <p>Protocol violations throw {@link StreamProtocolException} naming the event and index and carrying
 * {@link #snapshot()} as it was before the event: a second {@code message_start}; a block event or
 * {@code message_delta}/{@code message_stop} before {@code message_start}; a start index that is not the
 * next free one; a delta or stop for a block that is not open; a known delta on a known block of another
 * kind (such as {@code input_json_delta} on {@code text}); any event after {@code message_stop}. The
 * accumulator is unchanged by a rejected event.
 *
 * <p>Text, thinking and input JSON grow in chunks, without the copies of a doubling buffer;
 * {@link #snapshot()} builds an immutable message only when asked (closed blocks are built once and reused).
 *
 * <p><b>Not thread-safe.</b> Use one accumulator per stream, from one thread at a time.
 */
public final class MessageAccumulator {
    private Message start;
    private String id;
    private String type;
    private String role;
    private String model;
    private StopReason stopReason;
    private String stopSequence;
    private Usage usage;
    private Map<String, JsonValue> unknownFields;
    private final List<Block> blocks = new ArrayList<>();
    private boolean complete;
    private long events;

    /** An empty accumulator, waiting for {@code message_start}. */
    public MessageAccumulator() {
    }

    /**
     * Applies one event.
     *
     * @param event the next event of the stream, in order
     * @throws StreamProtocolException if the event breaks the protocol (see the class documentation); the
     *     accumulator is then unchanged
     * @throws NullPointerException if {@code event} is null
     */
    public void accept(StreamEvent event) {
        if (complete) {
            throw violation("Unexpected " + event.type() + " event after message_stop");
        }
        if (event instanceof ContentBlockDeltaEvent e) {
            onDelta(e); // first: by far the most frequent
        } else if (event instanceof MessageStartEvent e) {
            onStart(e.message());
        } else if (event instanceof ContentBlockStartEvent e) {
            onBlockStart(e);
        } else if (event instanceof ContentBlockStopEvent e) {
            onBlockStop(e.index());
        } else if (event instanceof MessageDeltaEvent e) {
            onMessageDelta(e);
        } else if (event instanceof MessageStopEvent) {
            requireStarted("message_stop", -1);
            complete = true;
        } else if (!(event instanceof PingEvent || event instanceof UnknownEvent || event instanceof ErrorEvent)) {
            throw new AssertionError(event); // the hierarchy is sealed: every kind is handled above
        }
        events++;
    }

    /** {@return whether {@code message_start} has been applied} */
    public boolean isStarted() {
        return start != null;
    }

    /** {@return whether {@code message_stop} has been applied: the message is final} */
    public boolean isComplete() {
        return complete;
    }

    /** {@return how many events were applied (pings, unknown and error events included)} */
    public long eventCount() {
        return events;
    }

    /** {@return how many content blocks have started} */
    public int blockCount() {
        return blocks.size();
    }

    /**
     * Whether the block at {@code index} has started and not yet stopped.
     *
     * @param index the block's index, from 0
     * @return true if the block is open; false if it has stopped or has not started
     */
    public boolean isOpen(int index) {
        return index >= 0 && index < blocks.size() && blocks.get(index).open;
    }

    /**
     * The message so far, immutable; {@code null} before {@code message_start}. Built on each call (cheap:
     * closed blocks are reused), so callers that need it often should call it only when they need it.
     * The input of an open tool block is its best-effort partial value.
     *
     * @return the message so far, or {@code null} before {@code message_start}
     */
    public Message snapshot() {
        if (start == null) {
            return null;
        }
        Message.Builder b = Message.builder()
                .id(id).type(type).role(role).model(model)
                .stopReason(stopReason).stopSequence(stopSequence).usage(usage);
        unknownFields.forEach(b::unknownField);
        List<ContentBlock> content = new ArrayList<>(blocks.size());
        for (Block block : blocks) {
            content.add(block.build());
        }
        return b.content(content).build();
    }

    /**
     * The input of the tool ({@code tool_use} or {@code server_tool_use}) block at {@code index}: while it
     * streams, the best-effort value of the JSON received so far (the start block's input while nothing
     * parseable has arrived); once stopped, its final input.
     *
     * @param index the block's index, from 0
     * @return the input so far; empty when there is no tool block at {@code index}
     */
    public Optional<JsonValue> partialInput(int index) {
        if (index < 0 || index >= blocks.size() || !blocks.get(index).isTool()) {
            return Optional.empty();
        }
        return Optional.of(blocks.get(index).input());
    }

    /**
     * The block at {@code index} as it stands: final once the block has stopped, its state so far while
     * it is open. Immutable.
     *
     * @param index the block's index, from 0
     * @return the block as it stands
     * @throws IndexOutOfBoundsException when no block has started at {@code index}
     */
    public ContentBlock block(int index) {
        return blocks.get(index).build();
    }

    /**
     * The text (of a {@code text} block) or thinking (of a {@code thinking} block) at {@code index} so far,
     * as a live read-only view that grows with later deltas: no copy is made, so it is cheap to call per
     * delta. Copy it with {@code toString()} to keep a fixed value. Empty for other kinds of block.
     *
     * @param index the block's index, from 0
     * @return a live view of the text or thinking so far; empty for other kinds of block
     * @throws IndexOutOfBoundsException when no block has started at {@code index}
     */
    public CharSequence textSoFar(int index) {
        Block block = blocks.get(index);
        if (block.text == null || block.isTool()) {
            return "";
        }
        return block.text; // package-private type: callers can read it, not append to it
    }

    private void onStart(Message message) {
        if (start != null) {
            throw violation("Second message_start event: a stream has exactly one, first");
        }
        start = message;
        id = message.id();
        type = message.type();
        role = message.role();
        model = message.model();
        stopReason = message.stopReason().orElse(null);
        stopSequence = message.stopSequence().orElse(null);
        usage = message.usage();
        unknownFields = new LinkedHashMap<>(message.unknownFields());
        // Blocks the message starts with (none in practice) are complete blocks.
        for (ContentBlock block : message.content()) {
            Block b = new Block(block);
            b.open = false;
            blocks.add(b);
        }
    }

    private void onBlockStart(ContentBlockStartEvent e) {
        int index = e.index();
        requireStarted("content_block_start", index);
        if (index != blocks.size()) {
            throw violation("content_block_start at index " + index + " is not the next free index "
                    + blocks.size());
        }
        if (e.contentBlock() instanceof FallbackBlock f) {
            model = f.toModel(); // the blocks after it come from the model the API fell back to
        }
        blocks.add(new Block(e.contentBlock()));
    }

    private void onDelta(ContentBlockDeltaEvent e) {
        int index = e.index();
        Delta delta = e.delta();
        // The label is built only on failure: this runs once per delta, the hottest path of a stream.
        if (start == null || index < 0 || index >= blocks.size() || !blocks.get(index).open) {
            String label = "content_block_delta (" + delta.type() + ")";
            requireStarted(label, index);
            openBlock(label, index);
        }
        Block block = blocks.get(index);
        if (block.kind == Kind.UNKNOWN || delta instanceof Delta.UnknownDelta) {
            return; // forward compatibility: delivered, changes nothing
        }
        if (delta instanceof Delta.TextDelta d && block.kind == Kind.TEXT) {
            block.text.append(d.text());
        } else if (delta instanceof Delta.InputJsonDelta d && block.isTool()) {
            block.text.append(d.partialJson());
        } else if (delta instanceof Delta.ThinkingDelta d && block.kind == Kind.THINKING) {
            block.text.append(d.thinking());
        } else if (delta instanceof Delta.SignatureDelta d && block.kind == Kind.THINKING) {
            block.signature = d.signature();
        } else if (delta instanceof Delta.CompactionDelta d && block.kind == Kind.COMPACTION) {
            block.text.append(d.content());
            block.textSeen = true;
        } else if (delta instanceof Delta.CitationsDelta d && block.kind == Kind.TEXT) {
            if (block.citations == null) {
                block.citations = new ArrayList<>();
            }
            block.citations.add(d.citation());
        } else {
            throw violation("content_block_delta at index " + index + ": " + delta.type()
                    + " does not apply to a " + block.start.type() + " block");
        }
        block.cached = null;
    }

    private void onBlockStop(int index) {
        requireStarted("content_block_stop", index);
        Block block = openBlock("content_block_stop", index);
        block.open = false;
        if (block.isTool()) {
            block.finalInput = block.liveInput();
        }
        block.cached = null;
    }

    private void onMessageDelta(MessageDeltaEvent e) {
        requireStarted("message_delta", -1);
        for (Map.Entry<String, JsonValue> f : e.delta().entrySet()) {
            String name = f.getKey();
            JsonValue v = f.getValue();
            String text = v instanceof JsonValue.JsonString s ? s.value() : null;
            if (v.isNull() && hasValue(name)) {
                continue; // a null never overwrites a value
            }
            switch (name) {
                case "stop_reason": stopReason = text == null ? null : StopReason.of(text); break;
                case "stop_sequence": stopSequence = text; break;
                // Modelled top-level fields are replaced only by a value of their type.
                case "id": if (text != null) { id = text; } break;
                case "type": if (text != null) { type = text; } break;
                case "role": if (text != null) { role = text; } break;
                case "model": if (text != null) { model = text; } break;
                case "content":
                case "usage":
                    break;
                default: unknownFields.put(name, v); break;
            }
        }
        usage = usage.merge(e.usage());
        e.unknownFields().forEach((name, v) -> {
            if (!v.isNull() || !unknownFields.containsKey(name) || unknownFields.get(name).isNull()) {
                unknownFields.put(name, v);
            }
        });
    }

    private void requireStarted(String event, int index) {
        if (start == null) {
            throw violation(event + (index >= 0 ? " at index " + index : "")
                    + " before message_start: message_start must come first");
        }
    }

    private Block openBlock(String event, int index) {
        if (index < 0 || index >= blocks.size()) {
            throw violation(event + " at index " + index + ", but no block was started there ("
                    + blocks.size() + " started)");
        }
        Block block = blocks.get(index);
        if (!block.open) {
            throw violation(event + " at index " + index + ", but that block is already stopped");
        }
        return block;
    }

    private StreamProtocolException violation(String message) {
        return new StreamProtocolException(message + " (after " + events + " events)", null, null, snapshot());
    }

    /** Whether the message has a non-null value for the top-level field {@code name}. */
    private boolean hasValue(String name) {
        switch (name) {
            case "stop_reason": return stopReason != null;
            case "stop_sequence": return stopSequence != null;
            case "id": case "type": case "role": case "model": case "content": case "usage": return true;
            default:
                JsonValue v = unknownFields.get(name);
                return v != null && !v.isNull();
        }
    }

    private enum Kind { TEXT, THINKING, TOOL, SERVER_TOOL, MCP_TOOL, COMPACTION, WHOLE, UNKNOWN }

    /** One content block being accumulated. */
    private static final class Block {
        final ContentBlock start;
        final Kind kind;
        /** Text, thinking or input JSON so far. */
        final ChunkedText text;
        List<JsonValue> citations;
        /** For a compaction block: whether it has content (a null start and no delta has none). */
        boolean textSeen;
        String signature;
        boolean open = true;
        JsonValue finalInput;
        /** The built block while nothing changed; reset by every change. */
        ContentBlock cached;

        Block(ContentBlock start) {
            this.start = start;
            if (start instanceof TextBlock t) {
                kind = Kind.TEXT;
                text = new ChunkedText(t.text());
                citations = t.citations().map(ArrayList::new).orElse(null);
            } else if (start instanceof ThinkingBlock t) {
                kind = Kind.THINKING;
                text = new ChunkedText(t.thinking());
            } else if (start instanceof ToolUseBlock) {
                kind = Kind.TOOL;
                text = new ChunkedText("");
            } else if (start instanceof ServerToolUseBlock) {
                kind = Kind.SERVER_TOOL;
                text = new ChunkedText("");
            } else if (start instanceof McpToolUseBlock) {
                kind = Kind.MCP_TOOL;
                text = new ChunkedText("");
            } else if (start instanceof CompactionBlock c) {
                kind = Kind.COMPACTION;
                text = new ChunkedText(c.content().orElse(""));
                textSeen = c.content().isPresent();
            } else if (start instanceof UnknownBlock) {
                kind = Kind.UNKNOWN;
                text = null;
                cached = start;
            } else {
                // Redacted thinking, server tool results, MCP results, container uploads, fallbacks: they
                // arrive whole; no delta applies.
                kind = Kind.WHOLE;
                text = null;
                cached = start;
            }
        }

        boolean isTool() {
            return kind == Kind.TOOL || kind == Kind.SERVER_TOOL || kind == Kind.MCP_TOOL;
        }

        JsonValue startInput() {
            if (start instanceof ToolUseBlock t) {
                return t.input();
            }
            return start instanceof McpToolUseBlock m ? m.input() : ((ServerToolUseBlock) start).input();
        }

        JsonValue input() {
            return finalInput != null ? finalInput : liveInput();
        }

        JsonValue liveInput() {
            if (text.length() == 0) {
                return startInput();
            }
            JsonNode v = PartialJson.parse(text.toString()); // a String: the scan reads every char
            return v.isMissingNode() ? startInput() : JsonValueCodec.fromTree(v);
        }

        ContentBlock build() {
            ContentBlock b = cached;
            if (b != null) {
                return b;
            }
            if (start instanceof TextBlock t) {
                Map<String, JsonValue> extra = t.unknownFields();
                if (citations != null && extra.containsKey("citations")) {
                    // A non-array citations field (say null) became a real list: drop the raw one.
                    extra = new LinkedHashMap<>(extra);
                    extra.remove("citations");
                }
                b = new TextBlock(text.toString(), Optional.ofNullable(citations), extra);
            } else if (start instanceof ThinkingBlock t) {
                b = new ThinkingBlock(text.toString(),
                        signature != null ? Optional.of(signature) : t.signature(), t.unknownFields());
            } else if (start instanceof ToolUseBlock t) {
                if (text.length() == 0) {
                    b = t;
                } else {
                    String json = text.toString();
                    b = new ToolUseBlock(t.id(), t.name(), input(), t.unknownFields(), json,
                            !open && PartialJson.isComplete(json));
                }
            } else if (start instanceof McpToolUseBlock t) {
                b = new McpToolUseBlock(t.id(), t.name(), t.serverName(), input(), t.unknownFields());
            } else if (start instanceof CompactionBlock c) {
                b = new CompactionBlock(textSeen ? Optional.of(text.toString()) : Optional.empty(),
                        c.unknownFields());
            } else if (start instanceof ServerToolUseBlock t) {
                b = new ServerToolUseBlock(t.id(), t.name(), input(), t.unknownFields());
            } else {
                b = start;
            }
            if (!open) {
                cached = b; // a stopped block never changes again
            }
            return b;
        }
    }
}
