package dev.brook.core.request;

import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool the model may call: a {@link Custom} tool the caller runs, described by a name and a JSON
 * Schema; a {@link Builtin} tool Anthropic defines under a versioned type (web search, web fetch, code
 * execution, tool search, which the API runs, and bash and the text editor, which the caller runs), made
 * by the typed factories below; or a {@link Raw} tool given as its JSON object, for tool kinds and
 * versions Brook does not model.
 *
 * <pre>{@code
 * Tool weather = Tool.of("get_weather", "Current weather for a city",
 *         "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}");
 * Tool search = Tool.webSearch().maxUses(5).allowedDomains(List.of("example.com")).build();
 * Tool run = Tool.codeExecution();
 * }</pre>
 *
 * <p>Implementations are immutable and thread-safe; the builders are not thread-safe.
 */
public sealed interface Tool permits Tool.Custom, Tool.Builtin, Tool.Raw {

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
                ClientJson.requireObject(inputSchema, "input_schema"), null, false, false);
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
        return new Custom(name, null, ClientJson.requireObject(inputSchema, "input_schema"), null, false, false);
    }

    /**
     * The web search tool, {@code {"type":"web_search_20250305","name":"web_search",...}}, which the API
     * runs: configure it, then {@link WebSearchBuilder#build()}.
     *
     * @return a new builder; with no setting, the tool as the API's defaults have it
     */
    static WebSearchBuilder webSearch() {
        return new WebSearchBuilder();
    }

    /**
     * The web fetch tool, {@code {"type":"web_fetch_20250910","name":"web_fetch",...}}, which the API runs:
     * configure it, then {@link WebFetchBuilder#build()}. The API's documentation once asked for the beta
     * header {@code web-fetch-2025-09-10} with this version; set it on the client if your account needs it.
     *
     * @return a new builder; with no setting, the tool as the API's defaults have it
     */
    static WebFetchBuilder webFetch() {
        return new WebFetchBuilder();
    }

    /**
     * The code execution tool, {@code {"type":"code_execution_20250825","name":"code_execution"}}: the API
     * runs Bash commands and edits files in a sandbox container (see
     * {@link MessageRequest.Builder#container(String)} to reuse one).
     *
     * @return the tool
     */
    static Builtin codeExecution() {
        return Builtin.CODE_EXECUTION;
    }

    /**
     * The bash tool, {@code {"type":"bash_20250124","name":"bash"}}: Anthropic defines its schema, the
     * caller runs the commands and answers with a {@link ToolResult}.
     *
     * @return the tool
     */
    static Builtin bash() {
        return Builtin.BASH;
    }

    /**
     * The text editor tool, {@code {"type":"text_editor_20250728","name":"str_replace_based_edit_tool",...}}
     * (the version for Claude 4 models): Anthropic defines its schema, the caller runs the edits and
     * answers with a {@link ToolResult}.
     *
     * @return a new builder; with no setting, the tool without {@code max_characters}
     */
    static TextEditorBuilder textEditor() {
        return new TextEditorBuilder();
    }

    /**
     * The regex tool search tool,
     * {@code {"type":"tool_search_tool_regex_20251119","name":"tool_search_tool_regex"}}: the API searches
     * the request's tools marked {@link Custom#deferLoading(boolean) deferLoading} with regular expressions
     * Claude writes, and loads the ones found.
     *
     * @return the tool
     */
    static Builtin toolSearchRegex() {
        return Builtin.TOOL_SEARCH_REGEX;
    }

    /**
     * The BM25 tool search tool,
     * {@code {"type":"tool_search_tool_bm25_20251119","name":"tool_search_tool_bm25"}}: like
     * {@link #toolSearchRegex()}, with natural-language queries.
     *
     * @return the tool
     */
    static Builtin toolSearchBm25() {
        return Builtin.TOOL_SEARCH_BM25;
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
     * {@code cache_control}, {@code defer_loading} and {@code eager_input_streaming}. Made by
     * {@link Tool#of}. Immutable and thread-safe; the {@code with…} methods and the two flag methods
     * return changed copies.
     */
    final class Custom implements Tool {
        private final String name;
        private final String description;
        private final JsonValue.JsonObject inputSchema;
        private final CacheControl cacheControl;
        private final boolean deferLoading;
        private final boolean eagerInputStreaming;

        private Custom(String name, String description, JsonValue.JsonObject inputSchema, CacheControl cacheControl,
                boolean deferLoading, boolean eagerInputStreaming) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("tool name is blank");
            }
            this.name = name;
            this.description = description;
            this.inputSchema = inputSchema;
            this.cacheControl = cacheControl;
            this.deferLoading = deferLoading;
            this.eagerInputStreaming = eagerInputStreaming;
        }

        /**
         * A copy with the given prompt-caching breakpoint (caches every tool up to this one).
         *
         * @param cacheControl the breakpoint
         * @return the changed copy
         */
        public Custom withCacheControl(CacheControl cacheControl) {
            return new Custom(name, description, inputSchema, Objects.requireNonNull(cacheControl, "cacheControl"),
                    deferLoading, eagerInputStreaming);
        }

        /**
         * A copy that sends {@code "eager_input_streaming":true} (fine-grained tool streaming): when the
         * request streams, the API sends this tool's input as it is generated, without buffering it to
         * check it is valid JSON. The first fragments arrive sooner, but the streamed input may then be
         * invalid or incomplete JSON, for instance when {@code max_tokens} cuts the call. Default
         * {@code false}, which sends nothing.
         *
         * @param eager whether to stream this tool's input unvalidated
         * @return the changed copy
         */
        public Custom eagerInputStreaming(boolean eager) {
            return new Custom(name, description, inputSchema, cacheControl, deferLoading, eager);
        }

        /**
         * A copy that sends {@code "defer_loading":true}: the tool is left out of the model's initial
         * context and loaded only when a tool search tool ({@link Tool#toolSearchRegex()},
         * {@link Tool#toolSearchBm25()}) finds it. Default {@code false}, which sends nothing.
         *
         * @param defer whether to defer loading this tool
         * @return the changed copy
         */
        public Custom deferLoading(boolean defer) {
            return new Custom(name, description, inputSchema, cacheControl, defer, eagerInputStreaming);
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

        /** {@return whether {@code "eager_input_streaming":true} is sent; default {@code false}} */
        public boolean isEagerInputStreaming() {
            return eagerInputStreaming;
        }

        /** {@return whether {@code "defer_loading":true} is sent; default {@code false}} */
        public boolean isDeferLoading() {
            return deferLoading;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Custom c && name.equals(c.name) && Objects.equals(description, c.description)
                    && inputSchema.equals(c.inputSchema) && Objects.equals(cacheControl, c.cacheControl)
                    && deferLoading == c.deferLoading && eagerInputStreaming == c.eagerInputStreaming;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, description, inputSchema, cacheControl, deferLoading, eagerInputStreaming);
        }

        /** The name only. */
        @Override
        public String toString() {
            return "Tool{" + name + '}';
        }
    }

    /**
     * A tool Anthropic defines under a versioned {@code type}, such as
     * {@code {"type":"web_search_20250305","name":"web_search","max_uses":5}}: made by
     * {@link Tool#webSearch()}, {@link Tool#webFetch()}, {@link Tool#codeExecution()}, {@link Tool#bash()},
     * {@link Tool#textEditor()}, {@link Tool#toolSearchRegex()} and {@link Tool#toolSearchBm25()}. For a
     * version or setting these do not offer, use {@link Tool#raw(String)}.
     *
     * <p>Immutable and thread-safe; {@link #withCacheControl} returns a changed copy.
     */
    final class Builtin implements Tool {
        static final Builtin CODE_EXECUTION = new Builtin("code_execution_20250825", "code_execution",
                JsonValue.JsonObject.EMPTY, null);
        static final Builtin BASH = new Builtin("bash_20250124", "bash", JsonValue.JsonObject.EMPTY, null);
        static final Builtin TOOL_SEARCH_REGEX = new Builtin("tool_search_tool_regex_20251119",
                "tool_search_tool_regex", JsonValue.JsonObject.EMPTY, null);
        static final Builtin TOOL_SEARCH_BM25 = new Builtin("tool_search_tool_bm25_20251119",
                "tool_search_tool_bm25", JsonValue.JsonObject.EMPTY, null);

        private final String type;
        private final String name;
        private final JsonValue.JsonObject settings;
        private final CacheControl cacheControl;

        private Builtin(String type, String name, JsonValue.JsonObject settings, CacheControl cacheControl) {
            this.type = type;
            this.name = name;
            this.settings = settings;
            this.cacheControl = cacheControl;
        }

        /**
         * A copy with the given prompt-caching breakpoint (caches every tool up to this one).
         *
         * @param cacheControl the breakpoint
         * @return the changed copy
         */
        public Builtin withCacheControl(CacheControl cacheControl) {
            return new Builtin(type, name, settings, Objects.requireNonNull(cacheControl, "cacheControl"));
        }

        /** {@return the versioned tool type sent, e.g. {@code "web_search_20250305"}} */
        public String type() {
            return type;
        }

        /** {@return the tool's name, fixed by its type, e.g. {@code "web_search"}} */
        @Override
        public String name() {
            return name;
        }

        /**
         * {@return the settings sent beside {@code type} and {@code name}, e.g. {@code {"max_uses":5}}; empty
         * when none}
         */
        public JsonValue.JsonObject settings() {
            return settings;
        }

        /** {@return the prompt-caching breakpoint, if set} */
        public Optional<CacheControl> cacheControl() {
            return Optional.ofNullable(cacheControl);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Builtin b && type.equals(b.type) && name.equals(b.name) && settings.equals(b.settings)
                    && Objects.equals(cacheControl, b.cacheControl);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, name, settings, cacheControl);
        }

        /** The type and name only. */
        @Override
        public String toString() {
            return "Tool{" + type + ' ' + name + '}';
        }
    }

    /**
     * Configures the web search tool ({@code web_search_20250305}); made by {@link Tool#webSearch()}.
     * Setters replace earlier values; {@link #build()} can be called again. Not thread-safe.
     */
    final class WebSearchBuilder {
        private Integer maxUses;
        private List<String> allowedDomains = List.of();
        private List<String> blockedDomains = List.of();
        private UserLocation userLocation;

        private WebSearchBuilder() {
        }

        /**
         * The most searches in one request ({@code max_uses}); past it the API answers the search with a
         * {@code max_uses_exceeded} error. Default: no limit sent.
         *
         * @param maxUses the most searches, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxUses} is not positive
         */
        public WebSearchBuilder maxUses(int maxUses) {
            this.maxUses = Checks.positive(maxUses, "maxUses");
            return this;
        }

        /**
         * Only results from these domains ({@code allowed_domains}, copied); subdomains are included. An
         * empty list (the default) sends none. Cannot be combined with {@link #blockedDomains(List)}.
         *
         * @param domains host names without a scheme, e.g. {@code "example.com"}
         * @return this builder
         * @throws IllegalArgumentException if a domain is blank or has a scheme such as {@code https://}
         */
        public WebSearchBuilder allowedDomains(List<String> domains) {
            this.allowedDomains = Checks.domains(domains, "allowedDomains");
            return this;
        }

        /**
         * Never results from these domains ({@code blocked_domains}, copied). An empty list (the default)
         * sends none. Cannot be combined with {@link #allowedDomains(List)}.
         *
         * @param domains host names without a scheme, e.g. {@code "example.com"}
         * @return this builder
         * @throws IllegalArgumentException if a domain is blank or has a scheme such as {@code https://}
         */
        public WebSearchBuilder blockedDomains(List<String> domains) {
            this.blockedDomains = Checks.domains(domains, "blockedDomains");
            return this;
        }

        /**
         * The user's approximate location, to localise results ({@code user_location}); {@code null} (the
         * default) sends none.
         *
         * @param userLocation the location, or {@code null}
         * @return this builder
         */
        public WebSearchBuilder userLocation(UserLocation userLocation) {
            this.userLocation = userLocation;
            return this;
        }

        /**
         * Builds the tool.
         *
         * @return the tool
         * @throws IllegalStateException if both allowed and blocked domains are set
         */
        public Builtin build() {
            Map<String, JsonValue> settings = new LinkedHashMap<>();
            if (maxUses != null) {
                settings.put("max_uses", JsonValue.of(maxUses));
            }
            putDomains(settings, "web_search", allowedDomains, blockedDomains);
            if (userLocation != null) {
                settings.put("user_location", userLocation.json());
            }
            return new Builtin("web_search_20250305", "web_search", new JsonValue.JsonObject(settings), null);
        }
    }

    /**
     * Configures the web fetch tool ({@code web_fetch_20250910}); made by {@link Tool#webFetch()}. Setters
     * replace earlier values; {@link #build()} can be called again. Not thread-safe.
     */
    final class WebFetchBuilder {
        private Integer maxUses;
        private List<String> allowedDomains = List.of();
        private List<String> blockedDomains = List.of();
        private Boolean citations;
        private Integer maxContentTokens;

        private WebFetchBuilder() {
        }

        /**
         * The most fetches in one request ({@code max_uses}). Default: no limit sent.
         *
         * @param maxUses the most fetches, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxUses} is not positive
         */
        public WebFetchBuilder maxUses(int maxUses) {
            this.maxUses = Checks.positive(maxUses, "maxUses");
            return this;
        }

        /**
         * Only fetch from these domains ({@code allowed_domains}, copied). An empty list (the default) sends
         * none. Cannot be combined with {@link #blockedDomains(List)}.
         *
         * @param domains host names without a scheme, e.g. {@code "example.com"}
         * @return this builder
         * @throws IllegalArgumentException if a domain is blank or has a scheme such as {@code https://}
         */
        public WebFetchBuilder allowedDomains(List<String> domains) {
            this.allowedDomains = Checks.domains(domains, "allowedDomains");
            return this;
        }

        /**
         * Never fetch from these domains ({@code blocked_domains}, copied). An empty list (the default)
         * sends none. Cannot be combined with {@link #allowedDomains(List)}.
         *
         * @param domains host names without a scheme, e.g. {@code "example.com"}
         * @return this builder
         * @throws IllegalArgumentException if a domain is blank or has a scheme such as {@code https://}
         */
        public WebFetchBuilder blockedDomains(List<String> domains) {
            this.blockedDomains = Checks.domains(domains, "blockedDomains");
            return this;
        }

        /**
         * Whether fetched documents can be cited ({@code "citations":{"enabled":...}}). Default: not sent,
         * which the API treats as off.
         *
         * @param enabled whether to enable citations
         * @return this builder
         */
        public WebFetchBuilder citations(boolean enabled) {
            this.citations = enabled;
            return this;
        }

        /**
         * The most tokens of fetched content put in the context ({@code max_content_tokens}); longer
         * content is truncated. Default: no limit sent.
         *
         * @param maxContentTokens the most tokens, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxContentTokens} is not positive
         */
        public WebFetchBuilder maxContentTokens(int maxContentTokens) {
            this.maxContentTokens = Checks.positive(maxContentTokens, "maxContentTokens");
            return this;
        }

        /**
         * Builds the tool.
         *
         * @return the tool
         * @throws IllegalStateException if both allowed and blocked domains are set
         */
        public Builtin build() {
            Map<String, JsonValue> settings = new LinkedHashMap<>();
            if (maxUses != null) {
                settings.put("max_uses", JsonValue.of(maxUses));
            }
            putDomains(settings, "web_fetch", allowedDomains, blockedDomains);
            if (citations != null) {
                settings.put("citations", new JsonValue.JsonObject(Map.of("enabled", JsonValue.of(citations))));
            }
            if (maxContentTokens != null) {
                settings.put("max_content_tokens", JsonValue.of(maxContentTokens));
            }
            return new Builtin("web_fetch_20250910", "web_fetch", new JsonValue.JsonObject(settings), null);
        }
    }

    /**
     * Configures the text editor tool ({@code text_editor_20250728}, named
     * {@code str_replace_based_edit_tool}); made by {@link Tool#textEditor()}. Not thread-safe.
     */
    final class TextEditorBuilder {
        private Integer maxCharacters;

        private TextEditorBuilder() {
        }

        /**
         * The most characters a {@code view} returns ({@code max_characters}); longer files are truncated.
         * Default: not sent, so files are returned whole.
         *
         * @param maxCharacters the most characters, positive
         * @return this builder
         * @throws IllegalArgumentException if {@code maxCharacters} is not positive
         */
        public TextEditorBuilder maxCharacters(int maxCharacters) {
            this.maxCharacters = Checks.positive(maxCharacters, "maxCharacters");
            return this;
        }

        /** {@return the tool} */
        public Builtin build() {
            JsonValue.JsonObject settings = maxCharacters == null ? JsonValue.JsonObject.EMPTY
                    : new JsonValue.JsonObject(Map.of("max_characters", JsonValue.of(maxCharacters)));
            return new Builtin("text_editor_20250728", "str_replace_based_edit_tool", settings, null);
        }
    }

    /**
     * The user's approximate location for {@link WebSearchBuilder#userLocation}:
     * {@code {"type":"approximate","city":...,"region":...,"country":...,"timezone":...}}, each part
     * optional. Immutable and thread-safe; the {@code with…} methods return changed copies.
     */
    final class UserLocation {
        private static final UserLocation EMPTY = new UserLocation(null, null, null, null);

        private final String city;
        private final String region;
        private final String country;
        private final String timezone;

        private UserLocation(String city, String region, String country, String timezone) {
            this.city = city;
            this.region = region;
            this.country = country;
            this.timezone = timezone;
        }

        /** {@return an approximate location with no part set yet: {@code {"type":"approximate"}}} */
        public static UserLocation approximate() {
            return EMPTY;
        }

        /**
         * A copy with the city, e.g. {@code "San Francisco"}.
         *
         * @param city the city
         * @return the changed copy
         * @throws IllegalArgumentException if {@code city} is blank
         */
        public UserLocation withCity(String city) {
            return new UserLocation(Checks.nonBlank(city, "city", "pass a city such as \"Lyon\""),
                    region, country, timezone);
        }

        /**
         * A copy with the region, e.g. {@code "California"}.
         *
         * @param region the region
         * @return the changed copy
         * @throws IllegalArgumentException if {@code region} is blank
         */
        public UserLocation withRegion(String region) {
            return new UserLocation(city, Checks.nonBlank(region, "region", "pass a region such as \"Rhône\""),
                    country, timezone);
        }

        /**
         * A copy with the country, as the API documents it: an ISO 3166-1 alpha-2 code, e.g. {@code "FR"}.
         *
         * @param country the country code
         * @return the changed copy
         * @throws IllegalArgumentException if {@code country} is blank
         */
        public UserLocation withCountry(String country) {
            return new UserLocation(city, region,
                    Checks.nonBlank(country, "country", "pass a two-letter country code such as \"FR\""), timezone);
        }

        /**
         * A copy with the IANA time zone, e.g. {@code "Europe/Paris"}.
         *
         * @param timezone the time zone id
         * @return the changed copy
         * @throws IllegalArgumentException if {@code timezone} is blank
         */
        public UserLocation withTimezone(String timezone) {
            return new UserLocation(city, region, country,
                    Checks.nonBlank(timezone, "timezone", "pass an IANA zone such as \"Europe/Paris\""));
        }

        /** {@return the city, if set} */
        public Optional<String> city() {
            return Optional.ofNullable(city);
        }

        /** {@return the region, if set} */
        public Optional<String> region() {
            return Optional.ofNullable(region);
        }

        /** {@return the country code, if set} */
        public Optional<String> country() {
            return Optional.ofNullable(country);
        }

        /** {@return the IANA time zone, if set} */
        public Optional<String> timezone() {
            return Optional.ofNullable(timezone);
        }

        JsonValue.JsonObject json() {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            m.put("type", JsonValue.of("approximate"));
            if (city != null) {
                m.put("city", JsonValue.of(city));
            }
            if (region != null) {
                m.put("region", JsonValue.of(region));
            }
            if (country != null) {
                m.put("country", JsonValue.of(country));
            }
            if (timezone != null) {
                m.put("timezone", JsonValue.of(timezone));
            }
            return new JsonValue.JsonObject(m);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UserLocation u && Objects.equals(city, u.city) && Objects.equals(region, u.region)
                    && Objects.equals(country, u.country) && Objects.equals(timezone, u.timezone);
        }

        @Override
        public int hashCode() {
            return Objects.hash(city, region, country, timezone);
        }

        @Override
        public String toString() {
            return "UserLocation" + json();
        }
    }

    private static void putDomains(Map<String, JsonValue> settings, String tool, List<String> allowed,
            List<String> blocked) {
        if (!allowed.isEmpty() && !blocked.isEmpty()) {
            throw new IllegalStateException(tool + " takes allowed_domains or blocked_domains, not both; "
                    + "remove one of allowedDomains(...) and blockedDomains(...)");
        }
        if (!allowed.isEmpty()) {
            settings.put("allowed_domains", strings(allowed));
        }
        if (!blocked.isEmpty()) {
            settings.put("blocked_domains", strings(blocked));
        }
    }

    private static JsonValue.JsonArray strings(List<String> values) {
        return new JsonValue.JsonArray(values.stream().<JsonValue>map(JsonValue::of).toList());
    }

    /**
     * A tool sent as the JSON object given, for tool kinds and versions Brook does not model.
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
