package dev.brook.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.internal.Json;
import dev.brook.core.internal.JsonValueCodec;
import dev.brook.core.internal.ModelJson;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A message from the Messages API: the response of a non-streaming call, or the message accumulated
 * from a stream (final or a snapshot so far).
 *
 * <p>Fields this class does not model are kept raw in {@link #unknownFields()} (including explicit
 * nulls such as {@code container: null}), so {@link #toJson()} gives JSON equal as a tree to what the
 * API returned. {@code stop_reason} and {@code stop_sequence} are always written (as {@code null} when
 * empty), as the API always sends them; {@code id}, {@code type}, {@code role} and {@code model} read as
 * {@code ""} when absent. Immutable and thread-safe.
 */
public final class Message {
    private final String id;
    private final String type;
    private final String role;
    private final String model;
    private final List<ContentBlock> content;
    private final StopReason stopReason;
    private final String stopSequence;
    private final Usage usage;
    private final Map<String, JsonValue> unknownFields;

    private Message(Builder b) {
        this.id = b.id;
        this.type = b.type;
        this.role = b.role;
        this.model = b.model;
        this.content = List.copyOf(b.content);
        this.stopReason = b.stopReason;
        this.stopSequence = b.stopSequence;
        this.usage = b.usage;
        this.unknownFields = JsonValueCodec.freeze(b.unknownFields);
    }

    /** {@return a new builder: type {@code message}, role {@code assistant}, everything else empty} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this message's values, to derive a variant} */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.type = type;
        b.role = role;
        b.model = model;
        b.content.addAll(content);
        b.stopReason = stopReason;
        b.stopSequence = stopSequence;
        b.usage = usage;
        b.unknownFields.putAll(unknownFields);
        return b;
    }

    /**
     * Parses a non-streaming response body (UTF-8 JSON object).
     *
     * @param json the body, one JSON object in UTF-8
     * @return the message
     * @throws IllegalArgumentException if the bytes are not a JSON object
     */
    public static Message fromJson(byte[] json) {
        return fromJson(json, 0, json.length);
    }

    /**
     * Parses {@code length} bytes of UTF-8 JSON from {@code offset}.
     *
     * @param json holds one JSON object in UTF-8
     * @param offset where the JSON starts in {@code json}
     * @param length how many bytes it takes
     * @return the message
     * @throws IllegalArgumentException if the bytes are not a JSON object
     */
    public static Message fromJson(byte[] json, int offset, int length) {
        try (JsonParser p = Json.FACTORY.createParser(json, offset, length)) {
            return ModelJson.readMessage(readOne(p));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON message: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a non-streaming response body.
     *
     * @param json the body, one JSON object
     * @return the message
     * @throws IllegalArgumentException if the text is not a JSON object
     */
    public static Message fromJson(String json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            return ModelJson.readMessage(readOne(p));
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a JSON message: " + e.getMessage(), e);
        }
    }

    private static JsonNode readOne(JsonParser p) throws IOException {
        JsonNode node = Json.readTree(p);
        if (p.nextToken() != null) {
            throw new IllegalArgumentException("Trailing content after the JSON message");
        }
        return node;
    }

    /** {@return {@code id}, such as {@code msg_01...}} */
    public String id() {
        return id;
    }

    /** {@return {@code type}: {@code message}} */
    public String type() {
        return type;
    }

    /** {@return {@code role}: {@code assistant}} */
    public String role() {
        return role;
    }

    /** {@return {@code model}, the model that wrote the message} */
    public String model() {
        return model;
    }

    /** {@return the content blocks, in index order (unmodifiable)} */
    public List<ContentBlock> content() {
        return content;
    }

    /** {@return {@code stop_reason}; empty while the message is still streaming} */
    public Optional<StopReason> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    /**
     * {@code stop_sequence}: the stop sequence that ended the message, when one did.
     *
     * @return the stop sequence; empty when none ended the message
     */
    public Optional<String> stopSequence() {
        return Optional.ofNullable(stopSequence);
    }

    /** {@return {@code usage}, the token counts; {@link Usage#EMPTY} when the message had none} */
    public Usage usage() {
        return usage;
    }

    /** {@return top-level fields not modelled here, raw, in order (unmodifiable)} */
    public Map<String, JsonValue> unknownFields() {
        return unknownFields;
    }

    /** {@return the {@code stop_details} (why the model stopped, such as a refusal's category), when sent} */
    public Optional<StopDetails> stopDetails() {
        JsonValue v = unknownFields.get("stop_details");
        return v == null ? Optional.empty() : StopDetails.of(v);
    }

    /** {@return the {@code container} the reply ran code in (its id and expiry), when sent and not null} */
    public Optional<JsonValue> container() {
        return Optional.ofNullable(unknownFields.get("container")).filter(v -> !v.isNull());
    }

    /** {@return what context management did to the request's context ({@code context_management}), when sent} */
    public Optional<JsonValue> contextManagement() {
        return Optional.ofNullable(unknownFields.get("context_management")).filter(v -> !v.isNull());
    }

    /** {@return the text of all {@code text} blocks, concatenated in order; {@code ""} when there are none} */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock b : content) {
            if (b instanceof TextBlock t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }


    /** {@return this message as compact JSON} */
    public String toJson() {
        return ModelJson.messageJson(this);
    }

    /** {@return this message as compact UTF-8 JSON} */
    public byte[] toJsonBytes() {
        return ModelJson.messageJsonBytes(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m
                && id.equals(m.id) && type.equals(m.type) && role.equals(m.role) && model.equals(m.model)
                && content.equals(m.content) && Objects.equals(stopReason, m.stopReason)
                && Objects.equals(stopSequence, m.stopSequence) && usage.equals(m.usage)
                && unknownFields.equals(m.unknownFields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, model, content, stopReason, stopSequence, usage, unknownFields);
    }

    /** The message's JSON. */
    @Override
    public String toString() {
        return "Message" + toJson();
    }

    /** Builds a {@link Message}. Not thread-safe. */
    public static final class Builder {
        private String id = "";
        private String type = "message";
        private String role = "assistant";
        private String model = "";
        private final List<ContentBlock> content = new ArrayList<>();
        private StopReason stopReason;
        private String stopSequence;
        private Usage usage = Usage.EMPTY;
        private final Map<String, JsonValue> unknownFields = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets {@code id}. Default {@code ""}.
         *
         * @param id the message id
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder id(String id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * Sets {@code type}. Default {@code message}.
         *
         * @param type the object type
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder type(String type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets {@code role}. Default {@code assistant}.
         *
         * @param role the role
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder role(String role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        /**
         * Sets {@code model}. Default {@code ""}.
         *
         * @param model the model name
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder model(String model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Replaces the content blocks. Default none.
         *
         * @param content the blocks, in index order
         * @return this builder
         * @throws NullPointerException if null or holding null
         */
        public Builder content(List<? extends ContentBlock> content) {
            List<ContentBlock> copy = List.copyOf(content);
            this.content.clear();
            this.content.addAll(copy);
            return this;
        }

        /**
         * Appends one content block.
         *
         * @param block the block to add after the others
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder addContent(ContentBlock block) {
            this.content.add(Objects.requireNonNull(block, "block"));
            return this;
        }

        /**
         * Sets {@code stop_reason}; {@code null} for none (the default).
         *
         * @param stopReason the stop reason, or {@code null}
         * @return this builder
         */
        public Builder stopReason(StopReason stopReason) {
            this.stopReason = stopReason;
            return this;
        }

        /**
         * Sets {@code stop_sequence}; {@code null} for none (the default).
         *
         * @param stopSequence the stop sequence, or {@code null}
         * @return this builder
         */
        public Builder stopSequence(String stopSequence) {
            this.stopSequence = stopSequence;
            return this;
        }

        /**
         * Sets {@code usage}. Default {@link Usage#EMPTY}.
         *
         * @param usage the token counts
         * @return this builder
         * @throws NullPointerException if null
         */
        public Builder usage(Usage usage) {
            this.usage = Objects.requireNonNull(usage, "usage");
            return this;
        }

        /**
         * Sets (or, with {@code null}, removes) one unknown top-level field, raw. Use
         * {@link JsonValue#NULL} for an explicit JSON null. Default none.
         *
         * @param name the field name
         * @param value the raw value, or {@code null} to remove the field
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is a field this class models
         */
        public Builder unknownField(String name, JsonValue value) {
            if (ModelJson.MESSAGE_FIELDS.contains(name)) {
                throw new IllegalArgumentException(name + " is a modelled field; use its own setter");
            }
            if (value == null) {
                unknownFields.remove(name);
            } else {
                unknownFields.put(name, value);
            }
            return this;
        }

        /** {@return the message built from the values set so far; the builder can be reused} */
        public Message build() {
            return new Message(this);
        }
    }
}
