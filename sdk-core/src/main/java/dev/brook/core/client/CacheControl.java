package dev.brook.core.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * {@link #of(JsonNode)}. Immutable and thread-safe.
 */
public final class CacheControl {
    private static final CacheControl EPHEMERAL = new CacheControl(ephemeralNode());

    private final ObjectNode json;

    private CacheControl(ObjectNode json) {
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
        ObjectNode node = ephemeralNode();
        node.put("ttl", ttl);
        return new CacheControl(node);
    }

    /**
     * A cache control given as its JSON object, sent as is. The object is copied.
     *
     * @param json the {@code cache_control} object
     * @return the cache control
     * @throws IllegalArgumentException if {@code json} is not a JSON object
     */
    public static CacheControl of(JsonNode json) {
        return new CacheControl(ClientJson.requireObject(json, "cache_control"));
    }

    /** {@return the JSON object sent as {@code cache_control}: a copy, free to modify} */
    public ObjectNode json() {
        return json.deepCopy();
    }

    ObjectNode node() {
        return json;
    }

    private static ObjectNode ephemeralNode() {
        ObjectNode node = ClientJson.MAPPER.createObjectNode();
        node.put("type", "ephemeral");
        return node;
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
