package dev.brook.core.request;

import dev.brook.core.client.Brook;
import dev.brook.core.internal.ClientJson;
import dev.brook.core.json.JsonValue;
import java.util.Map;
import java.util.Objects;

/**
 * A prompt-caching breakpoint: the {@code cache_control} object of a content block, system block or
 * tool.
 *
 * <pre>{@code
 * TextContent rules = TextContent.of(longRules).withCacheControl(CacheControl.ephemeral());
 * }</pre>
 *
 * <p>Held as the JSON object sent, so cache options Brook does not model yet can be passed with
 * {@link #of(JsonValue)}. Immutable and thread-safe.
 */
public final class CacheControl {
    private static final CacheControl EPHEMERAL = new CacheControl(ephemeralNode());

    private final JsonValue.JsonObject json;

    private CacheControl(JsonValue.JsonObject json) {
        this.json = json;
    }

    /** {@return {@code {"type":"ephemeral"}}: cached with the API's default time-to-live (5 minutes today)} */
    public static CacheControl ephemeral() {
        return EPHEMERAL;
    }

    /**
     * {@code {"type":"ephemeral","ttl":ttl}}.
     *
     * @param ttl the time-to-live as the API spells it, e.g. {@code "5m"} or {@code "1h"}
     * @return the cache control
     * @throws IllegalArgumentException if {@code ttl} is blank
     */
    public static CacheControl ephemeral(String ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isBlank()) {
            throw new IllegalArgumentException("ttl is blank; use e.g. \"5m\" or \"1h\"");
        }
        return new CacheControl(new JsonValue.JsonObject(
                Map.of("type", JsonValue.of("ephemeral"), "ttl", JsonValue.of(ttl))));
    }

    /**
     * A cache control given as its JSON object, sent as is.
     *
     * @param json the {@code cache_control} object
     * @return the cache control
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public static CacheControl of(JsonValue json) {
        return new CacheControl(ClientJson.requireObject(json, "cache_control"));
    }

    /** {@return the JSON object sent as {@code cache_control}} */
    public JsonValue.JsonObject json() {
        return json;
    }


    private static JsonValue.JsonObject ephemeralNode() {
        return new JsonValue.JsonObject(Map.of("type", JsonValue.of("ephemeral")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CacheControl c && json.equals(c.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return "CacheControl" + json;
    }
}
