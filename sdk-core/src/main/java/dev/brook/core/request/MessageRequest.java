package dev.brook.core.request;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.brook.core.client.Brook;
import dev.brook.core.internal.ClientJson;
import dev.brook.core.internal.Json;
import dev.brook.core.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The body of {@code POST /v1/messages}: model, token limit, conversation and options.
 *
 * <pre>{@code
 * MessageRequest request = MessageRequest.builder()
 *         .model("claude-sonnet-4-5")
 *         .maxTokens(1024)
 *         .system("You answer in one sentence.")
 *         .addUserMessage("Why is the sky blue?")
 *         .build();
 * MessageRequest followUp = request.newBuilder()
 *         .addAssistantMessage("Rayleigh scattering.")
 *         .addUserMessage("And sunsets?")
 *         .build();
 * }</pre>
 *
 * <p>Fields the model does not cover yet can be sent as raw extra top-level fields
 * ({@link Builder#putExtra(String, JsonValue)}). {@link #toJson(boolean)} gives the exact bytes sent.
 *
 * <p>Immutable and thread-safe: lists and maps are unmodifiable copies and JSON values are immutable, so
 * nothing done to a builder or to a returned value changes a built request.
 */
public final class MessageRequest {
    /** Top-level names the request always writes itself; an extra field cannot take them. */
    private static final Set<String> ALWAYS_WRITTEN = Set.of("model", "max_tokens", "messages", "stream");

    private final String model;
    private final int maxTokens;
    private final List<MessageParam> messages;
    private final String systemText;
    private final List<TextContent> systemBlocks;
    private final List<Tool> tools;
    private final ToolChoice toolChoice;
    private final ThinkingConfig thinking;
    private final Double temperature;
    private final Double topP;
    private final Integer topK;
    private final List<String> stopSequences;
    private final Metadata metadata;
    private final List<McpServer> mcpServers;
    private final String container;
    private final ServiceTier serviceTier;
    private final ContextManagement contextManagement;
    private final Map<String, JsonValue> extras;

    private MessageRequest(Builder b) {
        this.model = b.model;
        this.maxTokens = b.maxTokens;
        this.messages = List.copyOf(b.messages);
        this.systemText = b.systemText;
        this.systemBlocks = b.systemBlocks;
        this.tools = List.copyOf(b.tools);
        this.toolChoice = b.toolChoice;
        this.thinking = b.thinking;
        this.temperature = b.temperature;
        this.topP = b.topP;
        this.topK = b.topK;
        this.stopSequences = b.stopSequences;
        this.metadata = b.metadata;
        this.mcpServers = List.copyOf(b.mcpServers);
        this.container = b.container;
        this.serviceTier = b.serviceTier;
        this.contextManagement = b.contextManagement;
        Map<String, JsonValue> copy = new LinkedHashMap<>();
        b.extras.forEach((name, value) -> copy.put(name, value));
        this.extras = Collections.unmodifiableMap(copy);
    }

    /** {@return a new, empty builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding this request's values, to derive a variant; this request is not changed} */
    public Builder newBuilder() {
        return new Builder(this);
    }

    /** {@return the model id, e.g. {@code "claude-sonnet-4-5"}} */
    public String model() {
        return model;
    }

    /** {@return the most tokens the model may generate; always positive} */
    public int maxTokens() {
        return maxTokens;
    }

    /** {@return the conversation, oldest turn first; unmodifiable, never empty} */
    public List<MessageParam> messages() {
        return messages;
    }

    /** {@return the system prompt, when given as a plain string} */
    public Optional<String> systemText() {
        return Optional.ofNullable(systemText);
    }

    /** {@return the system prompt, when given as text blocks; unmodifiable, empty otherwise} */
    public List<TextContent> systemBlocks() {
        return systemBlocks == null ? List.of() : systemBlocks;
    }

    /** {@return the tools offered; unmodifiable, empty when none} */
    public List<Tool> tools() {
        return tools;
    }

    /** {@return how the model may use the tools, if set} */
    public Optional<ToolChoice> toolChoice() {
        return Optional.ofNullable(toolChoice);
    }

    /** {@return the extended-thinking setting, if set} */
    public Optional<ThinkingConfig> thinking() {
        return Optional.ofNullable(thinking);
    }

    /** {@return the sampling temperature, if set; in {@code [0.0, 1.0]}} */
    public OptionalDouble temperature() {
        return temperature == null ? OptionalDouble.empty() : OptionalDouble.of(temperature);
    }

    /** {@return the nucleus-sampling probability, if set; in {@code [0.0, 1.0]}} */
    public OptionalDouble topP() {
        return topP == null ? OptionalDouble.empty() : OptionalDouble.of(topP);
    }

    /** {@return the top-k sampling limit, if set; not negative} */
    public OptionalInt topK() {
        return topK == null ? OptionalInt.empty() : OptionalInt.of(topK);
    }

    /** {@return custom stop sequences; unmodifiable, empty when none} */
    public List<String> stopSequences() {
        return stopSequences;
    }

    /** {@return the request metadata, if set} */
    public Optional<Metadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** {@return the remote MCP servers the API connects to; unmodifiable, empty when none} */
    public List<McpServer> mcpServers() {
        return mcpServers;
    }

    /** {@return the id of the code-execution container to reuse, if set} */
    public Optional<String> container() {
        return Optional.ofNullable(container);
    }

    /** {@return the service tier asked for, if set} */
    public Optional<ServiceTier> serviceTier() {
        return Optional.ofNullable(serviceTier);
    }

    /** {@return the context editing asked for, if set} */
    public Optional<ContextManagement> contextManagement() {
        return Optional.ofNullable(contextManagement);
    }

    /** {@return the raw extra top-level fields, in insertion order: an unmodifiable map of copies} */
    public Map<String, JsonValue> extras() {
        Map<String, JsonValue> copy = new LinkedHashMap<>();
        extras.forEach((name, value) -> copy.put(name, value));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The request body as UTF-8 JSON bytes: the exact body of {@code POST /v1/messages}.
     *
     * @param stream whether to add {@code "stream":true} (asks for Server-Sent Events); with
     *     {@code false} no {@code stream} field is written
     * @return a new array on each call
     */
    public byte[] toJson(boolean stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 64 * messages.size());
        try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
            writeTo(g, stream);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the body as one JSON object; fields set to nothing are omitted, extra fields come last but
     * before {@code stream}.
     */
    private void writeTo(JsonGenerator generator, boolean stream) throws IOException {
        JsonGenerator g = Objects.requireNonNull(generator, "generator");
        g.writeStartObject();
        g.writeStringField("model", model);
        g.writeNumberField("max_tokens", maxTokens);
        g.writeArrayFieldStart("messages");
        for (MessageParam message : messages) {
            RequestJson.writeMessage(g, message);
        }
        g.writeEndArray();
        if (systemText != null) {
            g.writeStringField("system", systemText);
        } else if (systemBlocks != null) {
            g.writeFieldName("system");
            RequestJson.writeBlocks(g, systemBlocks);
        }
        if (!tools.isEmpty()) {
            g.writeArrayFieldStart("tools");
            for (Tool tool : tools) {
                RequestJson.writeTool(g, tool);
            }
            g.writeEndArray();
        }
        if (toolChoice != null) {
            g.writeFieldName("tool_choice");
            RequestJson.writeToolChoice(g, toolChoice);
        }
        if (thinking != null) {
            g.writeFieldName("thinking");
            RequestJson.writeThinking(g, thinking);
        }
        if (temperature != null) {
            g.writeNumberField("temperature", temperature);
        }
        if (topP != null) {
            g.writeNumberField("top_p", topP);
        }
        if (topK != null) {
            g.writeNumberField("top_k", topK);
        }
        if (!stopSequences.isEmpty()) {
            g.writeArrayFieldStart("stop_sequences");
            for (String s : stopSequences) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
        if (metadata != null) {
            g.writeObjectFieldStart("metadata");
            g.writeStringField("user_id", metadata.userId());
            g.writeEndObject();
        }
        if (!mcpServers.isEmpty()) {
            g.writeArrayFieldStart("mcp_servers");
            for (McpServer server : mcpServers) {
                RequestJson.writeMcpServer(g, server);
            }
            g.writeEndArray();
        }
        if (container != null) {
            g.writeStringField("container", container);
        }
        if (serviceTier != null) {
            g.writeStringField("service_tier", serviceTier.wireName());
        }
        if (contextManagement != null) {
            g.writeFieldName("context_management");
            RequestJson.writeContextManagement(g, contextManagement);
        }
        for (Map.Entry<String, JsonValue> extra : extras.entrySet()) {
            g.writeFieldName(extra.getKey());
            RequestJson.writeNode(g, extra.getValue());
        }
        if (stream) {
            g.writeBooleanField("stream", true);
        }
        g.writeEndObject();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageRequest r && model.equals(r.model) && maxTokens == r.maxTokens
                && messages.equals(r.messages) && Objects.equals(systemText, r.systemText)
                && Objects.equals(systemBlocks, r.systemBlocks) && tools.equals(r.tools)
                && Objects.equals(toolChoice, r.toolChoice) && Objects.equals(thinking, r.thinking)
                && Objects.equals(temperature, r.temperature) && Objects.equals(topP, r.topP)
                && Objects.equals(topK, r.topK) && stopSequences.equals(r.stopSequences)
                && Objects.equals(metadata, r.metadata) && mcpServers.equals(r.mcpServers)
                && Objects.equals(container, r.container) && Objects.equals(serviceTier, r.serviceTier)
                && Objects.equals(contextManagement, r.contextManagement) && extras.equals(r.extras);
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, maxTokens, messages, systemText, systemBlocks, tools, toolChoice, thinking,
                temperature, topP, topK, stopSequences, metadata, mcpServers, container, serviceTier,
                contextManagement, extras);
    }

    /**
     * A short summary safe to log: model, limits, counts and which options are set, never the text of
     * messages, system prompt or metadata, nor MCP servers' URLs or tokens.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MessageRequest{model=").append(model)
                .append(", maxTokens=").append(maxTokens)
                .append(", messages=").append(messages.size());
        if (systemText != null || systemBlocks != null) {
            sb.append(", system");
        }
        if (!tools.isEmpty()) {
            sb.append(", tools=").append(tools.size());
        }
        if (toolChoice != null) {
            sb.append(", toolChoice=").append(toolChoice.type().wireName());
        }
        if (thinking != null) {
            sb.append(", thinking=").append(thinking.type().wireName());
        }
        if (temperature != null) {
            sb.append(", temperature=").append(temperature);
        }
        if (topP != null) {
            sb.append(", topP=").append(topP);
        }
        if (topK != null) {
            sb.append(", topK=").append(topK);
        }
        if (!stopSequences.isEmpty()) {
            sb.append(", stopSequences=").append(stopSequences.size());
        }
        if (metadata != null) {
            sb.append(", metadata");
        }
        if (!mcpServers.isEmpty()) {
            sb.append(", mcpServers=").append(mcpServers.size());
        }
        if (container != null) {
            sb.append(", container");
        }
        if (serviceTier != null) {
            sb.append(", serviceTier=").append(serviceTier.wireName());
        }
        if (contextManagement != null) {
            sb.append(", contextManagement=").append(contextManagement.edits().stream()
                    .map(ContextManagement.Edit::type).toList());
        }
        if (!extras.isEmpty()) {
            sb.append(", extras=").append(extras.keySet());
        }
        return sb.append('}').toString();
    }

    /**
     * Collects the values of a {@link MessageRequest}. Setters of optional values accept {@code null} to
     * remove the value. Not thread-safe: confine a builder to one thread, or guard it.
     */
    public static final class Builder {
        private String model;
        private int maxTokens;
        private final List<MessageParam> messages = new ArrayList<>();
        private String systemText;
        private List<TextContent> systemBlocks;
        private final List<Tool> tools = new ArrayList<>();
        private ToolChoice toolChoice;
        private ThinkingConfig thinking;
        private Double temperature;
        private Double topP;
        private Integer topK;
        private List<String> stopSequences = List.of();
        private Metadata metadata;
        private final List<McpServer> mcpServers = new ArrayList<>();
        private String container;
        private ServiceTier serviceTier;
        private ContextManagement contextManagement;
        private final Map<String, JsonValue> extras = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder(MessageRequest r) {
            model = r.model;
            maxTokens = r.maxTokens;
            messages.addAll(r.messages);
            systemText = r.systemText;
            systemBlocks = r.systemBlocks;
            tools.addAll(r.tools);
            toolChoice = r.toolChoice;
            thinking = r.thinking;
            temperature = r.temperature;
            topP = r.topP;
            topK = r.topK;
            stopSequences = r.stopSequences;
            metadata = r.metadata;
            mcpServers.addAll(r.mcpServers);
            container = r.container;
            serviceTier = r.serviceTier;
            contextManagement = r.contextManagement;
            extras.putAll(r.extras);
        }

        /**
         * The model id, e.g. {@code "claude-sonnet-4-5"}. Required.
         *
         * @param model the model id
         * @return this builder
         * @throws IllegalArgumentException if {@code model} is blank
         */
        public Builder model(String model) {
            Objects.requireNonNull(model, "model");
            if (model.isBlank()) {
                throw new IllegalArgumentException("model is blank: pass a model id such as \"claude-sonnet-4-5\"");
            }
            this.model = model;
            return this;
        }

        /**
         * The most tokens the model may generate ({@code max_tokens}). Required; the model's own limit
         * is checked by the API.
         *
         * @param maxTokens the most tokens to generate, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxTokens} is not positive
         */
        public Builder maxTokens(int maxTokens) {
            if (maxTokens <= 0) {
                throw new IllegalArgumentException("maxTokens must be > 0, was " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /**
         * Replaces the conversation with {@code messages} (copied), oldest turn first.
         *
         * @param messages the turns, oldest first
         * @return this builder
         */
        public Builder messages(List<MessageParam> messages) {
            Objects.requireNonNull(messages, "messages");
            List<MessageParam> copy = List.copyOf(messages);
            this.messages.clear();
            this.messages.addAll(copy);
            return this;
        }

        /**
         * Appends a turn to the conversation.
         *
         * @param message the turn to add after the others
         * @return this builder
         */
        public Builder addMessage(MessageParam message) {
            messages.add(Objects.requireNonNull(message, "message"));
            return this;
        }

        /**
         * Appends a user turn holding {@code text}.
         *
         * @param text the user's message
         * @return this builder
         */
        public Builder addUserMessage(String text) {
            return addMessage(MessageParam.user(text));
        }

        /**
         * Appends an assistant turn holding {@code text}; as the last turn it prefills the answer.
         *
         * @param text the assistant's message
         * @return this builder
         */
        public Builder addAssistantMessage(String text) {
            return addMessage(MessageParam.assistant(text));
        }

        /**
         * The system prompt as a plain string, replacing any system blocks; {@code null} removes it.
         *
         * @param system the system prompt, or {@code null}
         * @return this builder
         */
        public Builder system(String system) {
            this.systemText = system;
            this.systemBlocks = null;
            return this;
        }

        /**
         * The system prompt as text blocks (copied), e.g. to mark a cache breakpoint; replaces a string
         * system prompt. {@code null} removes it; an empty list sends {@code "system":[]}.
         *
         * @param blocks the system prompt's blocks, or {@code null}
         * @return this builder
         */
        public Builder systemBlocks(List<TextContent> blocks) {
            this.systemBlocks = blocks == null ? null : List.copyOf(blocks);
            this.systemText = null;
            return this;
        }

        /**
         * The system prompt as the given text blocks; see {@link #systemBlocks(List)}.
         *
         * @param blocks the system prompt's blocks
         * @return this builder
         */
        public Builder systemBlocks(TextContent... blocks) {
            return systemBlocks(Arrays.asList(Objects.requireNonNull(blocks, "blocks")));
        }

        /**
         * Replaces the tools with {@code tools} (copied); an empty list sends no {@code tools}.
         *
         * @param tools the tools to offer
         * @return this builder
         */
        public Builder tools(List<? extends Tool> tools) {
            Objects.requireNonNull(tools, "tools");
            List<Tool> copy = List.copyOf(tools);
            this.tools.clear();
            this.tools.addAll(copy);
            return this;
        }

        /**
         * Appends a tool.
         *
         * @param tool the tool to offer after the others
         * @return this builder
         */
        public Builder addTool(Tool tool) {
            tools.add(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /**
         * How the model may use the tools; {@code null} (the default) leaves it to the API ({@code auto}).
         *
         * @param toolChoice the tool choice, or {@code null}
         * @return this builder
         */
        public Builder toolChoice(ToolChoice toolChoice) {
            this.toolChoice = toolChoice;
            return this;
        }

        /**
         * Extended thinking; {@code null} (the default) leaves it to the model.
         *
         * @param thinking the thinking setting, or {@code null}
         * @return this builder
         */
        public Builder thinking(ThinkingConfig thinking) {
            this.thinking = thinking;
            return this;
        }

        /**
         * Sampling temperature, {@code 0.0} to {@code 1.0}; {@code null} (the default) leaves it to the
         * API ({@code 1.0}).
         *
         * @param temperature the temperature, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if outside {@code [0.0, 1.0]} or NaN
         */
        public Builder temperature(Double temperature) {
            this.temperature = checkUnit("temperature", temperature);
            return this;
        }

        /**
         * Nucleus-sampling probability ({@code top_p}), {@code 0.0} to {@code 1.0}; {@code null} (the
         * default) leaves it to the API.
         *
         * @param topP the probability, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if outside {@code [0.0, 1.0]} or NaN
         */
        public Builder topP(Double topP) {
            this.topP = checkUnit("topP", topP);
            return this;
        }

        /**
         * Top-k sampling ({@code top_k}); {@code null} (the default) leaves it to the API.
         *
         * @param topK how many top tokens to sample from, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder topK(Integer topK) {
            if (topK != null && topK < 0) {
                throw new IllegalArgumentException("topK must be >= 0, was " + topK);
            }
            this.topK = topK;
            return this;
        }

        /**
         * Custom stop sequences (copied); an empty list (the default) sends none.
         *
         * @param stopSequences the sequences that end generation
         * @return this builder
         * @throws NullPointerException if the list or an element is null
         */
        public Builder stopSequences(List<String> stopSequences) {
            this.stopSequences = List.copyOf(Objects.requireNonNull(stopSequences, "stopSequences"));
            return this;
        }

        /**
         * The request metadata; {@code null} (the default) sends none.
         *
         * @param metadata the metadata, or {@code null}
         * @return this builder
         */
        public Builder metadata(Metadata metadata) {
            this.metadata = metadata;
            return this;
        }

        /**
         * Replaces the remote MCP servers with {@code servers} (copied); an empty list (the default) sends
         * no {@code mcp_servers}. The MCP connector is an API beta: see {@link McpServer}.
         *
         * @param servers the servers to connect
         * @return this builder
         */
        public Builder mcpServers(List<McpServer> servers) {
            Objects.requireNonNull(servers, "servers");
            List<McpServer> copy = List.copyOf(servers);
            this.mcpServers.clear();
            this.mcpServers.addAll(copy);
            return this;
        }

        /**
         * Appends a remote MCP server.
         *
         * @param server the server to connect after the others
         * @return this builder
         */
        public Builder addMcpServer(McpServer server) {
            mcpServers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        /**
         * The id of a code-execution container to reuse ({@code container}), as returned in an earlier
         * response's {@code container.id}, so files and state carry over; {@code null} (the default) lets
         * the API create a new one.
         *
         * @param containerId the container id, or {@code null}
         * @return this builder
         * @throws IllegalArgumentException if {@code containerId} is blank
         */
        public Builder container(String containerId) {
            if (containerId != null) {
                Checks.nonBlank(containerId, "container",
                        "pass the id of an earlier response's container, or null for a new one");
            }
            this.container = containerId;
            return this;
        }

        /**
         * The service tier ({@code service_tier}); {@code null} (the default) leaves it to the API
         * ({@code auto}).
         *
         * @param serviceTier the tier, or {@code null}
         * @return this builder
         */
        public Builder serviceTier(ServiceTier serviceTier) {
            this.serviceTier = serviceTier;
            return this;
        }

        /**
         * Context editing ({@code context_management}); {@code null} (the default) sends none. An API
         * beta: see {@link ContextManagement}.
         *
         * @param contextManagement the context editing, or {@code null}
         * @return this builder
         */
        public Builder contextManagement(ContextManagement contextManagement) {
            this.contextManagement = contextManagement;
            return this;
        }

        /**
         * Adds or replaces a raw top-level field, sent as given: for API features
         * Brook does not model yet, e.g. {@code putExtra("output_config", JsonValue.parse("{...}"))}.
         * It may name a modelled field that is left unset (say {@code thinking} with an option Brook
         * lacks), but {@link #build()} fails if both are set.
         *
         * @param name the top-level field name
         * @param value the field's value
         * @return this builder
         * @throws IllegalArgumentException if {@code name} is blank, or is {@code model},
         *     {@code max_tokens}, {@code messages} or {@code stream}, which the request always writes
         */
        public Builder putExtra(String name, JsonValue value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isBlank()) {
                throw new IllegalArgumentException("extra field name is blank");
            }
            if (ALWAYS_WRITTEN.contains(name)) {
                throw new IllegalArgumentException("extra field '" + name + "' is always written by the request"
                        + ("stream".equals(name) ? "; streaming is chosen by toJson(stream) or the client"
                        : "; set it with its builder method"));
            }
            extras.put(name, value);
            return this;
        }

        /**
         * Adds or replaces a raw top-level field given as JSON text, e.g.
         * {@code putExtraJson("output_config", "{\"effort\":\"high\"}")}; see
         * {@link #putExtra(String, JsonValue)}.
         *
         * @param name the top-level field name
         * @param json the field's value as JSON text
         * @return this builder
         * @throws IllegalArgumentException if {@code json} is not valid JSON, or the name is refused as in
         *     {@link #putExtra(String, JsonValue)}
         */
        public Builder putExtraJson(String name, String json) {
            Objects.requireNonNull(name, "name");
            return putExtra(name, ClientJson.parse(json, "extra field '" + name + "'"));
        }

        /**
         * Removes a raw extra field; does nothing if absent.
         *
         * @param name the top-level field name
         * @return this builder
         */
        public Builder removeExtra(String name) {
            extras.remove(Objects.requireNonNull(name, "name"));
            return this;
        }

        /**
         * Builds the request. The builder can be used again afterwards; later changes do not reach the
         * request built.
         *
         * @return the request
         * @throws IllegalStateException if the model or max tokens were not set, there is no message, or
         *     an extra field names a modelled field that is also set
         */
        public MessageRequest build() {
            if (model == null) {
                throw new IllegalStateException(
                        "model is required: call MessageRequest.builder().model(\"claude-...\")");
            }
            if (maxTokens == 0) {
                throw new IllegalStateException(
                        "maxTokens is required: call MessageRequest.builder().maxTokens(1024)");
            }
            if (messages.isEmpty()) {
                throw new IllegalStateException("messages is empty: add at least one, e.g. "
                        + "MessageRequest.builder().addUserMessage(\"Hello\")");
            }
            for (String name : extras.keySet()) {
                if (isSet(name)) {
                    throw new IllegalStateException("extra field '" + name + "' clashes with the " + name
                            + " set on the builder; remove one of them");
                }
            }
            return new MessageRequest(this);
        }

        private boolean isSet(String wireName) {
            switch (wireName) {
                case "system":
                    return systemText != null || systemBlocks != null;
                case "tools":
                    return !tools.isEmpty();
                case "tool_choice":
                    return toolChoice != null;
                case "thinking":
                    return thinking != null;
                case "temperature":
                    return temperature != null;
                case "top_p":
                    return topP != null;
                case "top_k":
                    return topK != null;
                case "stop_sequences":
                    return !stopSequences.isEmpty();
                case "metadata":
                    return metadata != null;
                case "mcp_servers":
                    return !mcpServers.isEmpty();
                case "container":
                    return container != null;
                case "service_tier":
                    return serviceTier != null;
                case "context_management":
                    return contextManagement != null;
                default:
                    return false;
            }
        }

        private static Double checkUnit(String name, Double value) {
            if (value != null && !(value >= 0.0 && value <= 1.0)) {
                throw new IllegalArgumentException(name + " must be between 0.0 and 1.0, was " + value);
            }
            return value;
        }
    }
}
