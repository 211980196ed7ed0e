package dev.brook.core.request;

import dev.brook.core.client.Brook;
import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool the model may call: either a {@link Custom} tool the caller runs, described by a name and a
 * JSON Schema, or a {@link Raw} tool given as its JSON object, for server and versioned tools such as
 * {@code {"type":"web_search_20250305","name":"web_search","max_uses":5}}.
 *
 * <pre>{@code
 * Tool weather = Tool.of("get_weather", "Current weather for a city",
 *         "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
 * Tool search = Tool.raw("{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}");
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface Tool permits Tool.Custom, Tool.Raw {

    /**
     * A custom tool.
     *
     * @param name the tool's name; the API accepts {@code [a-zA-Z0-9_-]}, 1 to 128 characters
     * @param description what the tool does and when to use it
     * @param inputSchema the JSON Schema of the tool's input, an object
     * @return the tool
     * @throws IllegalArgumentException if {@code name} is blank or {@code inputSchema} is not an object
     */
    static Custom of(String name, String description, JsonValue inputSchema) {
        return new Custom(name, Objects.requireNonNull(description, "description"),
                ClientJson.requireObject(inputSchema, "input_schema"), null);
    }

    /**
     * A custom tool whose input schema is given as JSON text.
     *
     * @param name the tool's name; the API accepts {@code [a-zA-Z0-9_-]}, 1 to 128 characters
     * @param description what the tool does and when to use it
     * @param inputSchemaJson the JSON Schema of the tool's input, an object, as JSON text
     * @return the tool
     * @throws IllegalArgumentException if {@code name} is blank, or {@code inputSchemaJson} is not a JSON
     *     object
     */
    static Custom of(String name, String description, String inputSchemaJson) {
        return of(name, description, ClientJson.parseObject(inputSchemaJson, "input_schema"));
    }

    /**
     * A custom tool without a description (the API advises one).
     *
     * @param name the tool's name; the API accepts {@code [a-zA-Z0-9_-]}, 1 to 128 characters
     * @param inputSchema the JSON Schema of the tool's input, an object
     * @return the tool
     * @throws IllegalArgumentException if {@code name} is blank or {@code inputSchema} is not an object
     */
    static Custom of(String name, JsonValue inputSchema) {
        return new Custom(name, null, ClientJson.requireObject(inputSchema, "input_schema"), null);
    }

    /**
     * A tool given as its JSON object, sent as is.
     *
     * @param json the tool object
     * @return the tool
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    static Raw raw(JsonValue json) {
        return new Raw(json);
    }

    /**
     * A tool given as JSON text, sent as is.
     *
     * @param json the tool object, as JSON text
     * @return the tool
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    static Raw raw(String json) {
        return new Raw(ClientJson.parse(json, "tool"));
    }

    /** {@return the tool's {@code name}, or {@code ""} for a raw tool without one} */
    String name();

    /**
     * A tool the caller runs: {@code {"name":...,"description":...,"input_schema":{...}}}, with optional
     * {@code cache_control}. Made by {@link Tool#of}. Immutable and thread-safe.
     */
    final class Custom implements Tool {
        private final String name;
        private final String description;
        private final JsonValue.JsonObject inputSchema;
        private final CacheControl cacheControl;

        private Custom(String name, String description, JsonValue.JsonObject inputSchema, CacheControl cacheControl) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("tool name is blank");
            }
            this.name = name;
            this.description = description;
            this.inputSchema = inputSchema;
            this.cacheControl = cacheControl;
        }

        /**
         * A copy with the given prompt-caching breakpoint (caches every tool up to this one).
         *
         * @param cacheControl the breakpoint
         * @return the changed copy
         */
        public Custom withCacheControl(CacheControl cacheControl) {
            return new Custom(name, description, inputSchema, Objects.requireNonNull(cacheControl, "cacheControl"));
        }

        @Override
        public String name() {
            return name;
        }

        /** {@return the description, if set} */
        public Optional<String> description() {
            return Optional.ofNullable(description);
        }

        /** {@return the input schema} */
        public JsonValue.JsonObject inputSchema() {
            return inputSchema;
        }

        /** {@return the prompt-caching breakpoint, if set} */
        public Optional<CacheControl> cacheControl() {
            return Optional.ofNullable(cacheControl);
        }


        @Override
        public boolean equals(Object o) {
            return o instanceof Custom c && name.equals(c.name) && Objects.equals(description, c.description)
                    && inputSchema.equals(c.inputSchema) && Objects.equals(cacheControl, c.cacheControl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, description, inputSchema, cacheControl);
        }

        /** The name only. */
        @Override
        public String toString() {
            return "Tool{" + name + '}';
        }
    }

    /**
     * A tool sent as the JSON object given, for server tools and tool kinds Brook does not model.
     *
     * @param json the tool object
     */
    record Raw(JsonValue json) implements Tool {
        /**
         * @param json the tool object
         * @throws IllegalArgumentException if {@code json} is not a JSON object
         */
        public Raw {
            json = ClientJson.requireObject(json, "tool");
        }


        @Override
        public String name() {
            return json.get("name").flatMap(JsonValue::asString).orElse("");
        }


        /** The type and name only. */
        @Override
        public String toString() {
            return "Tool{" + json.get("type").flatMap(JsonValue::asString).orElse("") + ' ' + name() + '}';
        }
    }
}
