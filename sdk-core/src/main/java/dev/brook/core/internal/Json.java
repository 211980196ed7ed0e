package dev.brook.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Brook's shared Jackson plumbing: one {@link JsonFactory}, its tree reading, and one {@link ObjectMapper}
 * (built only when something needs it), configured once.
 *
 * <p>The factory and the mapper are thread-safe and must not be reconfigured by callers (Jackson allows it, but every Brook
 * component shares these instances). Numbers in trees are kept exact ({@code BigDecimal} for floats) so
 * that raw JSON survives a parse/write round trip unchanged.
 */
public final class Json {
    /** The shared factory; thread-safe. Creates per-call parsers and generators. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            // Jackson's default would be fine; stated so the choice is visible: duplicate keys are not an
            // error (last wins), as in every other JSON reader the API's clients use.
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Emoji and other non-BMP characters go out as 4-byte UTF-8, not as escaped surrogate pairs.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    /** The node factory of every tree Brook builds (Jackson's default; trees never normalise decimals). */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /**
     * The shared mapper; thread-safe. Used for trees ({@link JsonNode}) only, never for data binding.
     * Built on first use, not with {@link #FACTORY}: a stream never needs it (see {@code JsonTreeReader}),
     * and building it is most of Jackson's start-up cost.
     *
     * @return the mapper, reading trees as {@link #readTree} does
     */
    public static ObjectMapper mapper() {
        return Mapper.INSTANCE;
    }

    /** Holds the mapper, so that loading {@code Json} does not build it. */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder(FACTORY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                // Keep decimals as written (1.50 stays 1.50), so raw JSON survives a round trip.
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .nodeFactory(NODES)
                .build();
    }

    /** {@return the node factory used for every tree Brook builds} */
    public static JsonNodeFactory nodes() {
        return NODES;
    }

    /**
     * Reads the next complete value of {@code parser} as a tree: the value at its current token, or when
     * it has none yet (a new parser) the first. Reads no further than the value's end.
     *
     * @param parser the parser
     * @return the value; a missing node when the parser has no value left
     * @throws IOException when the JSON is malformed or the input ends early
     */
    public static JsonNode readTree(JsonParser parser) throws IOException {
        if (parser.currentToken() == null && parser.nextToken() == null) {
            return NODES.missingNode();
        }
        try {
            return JsonTreeReader.read(parser, NODES);
        } catch (NumberFormatException e) {
            // Jackson reports a number no BigDecimal can hold (an exponent past int range) unchecked; it is
            // malformed input like any other, so callers get it as the IOException they already handle.
            throw new JsonParseException(parser, "A number out of range: " + e.getMessage(), e);
        }
    }

    /** Something that writes itself as one JSON value. */
    @FunctionalInterface
    public interface JsonWritable {
        /**
         * Writes one JSON value to {@code generator}.
         *
         * @param generator where to write the value
         * @throws IOException when the generator's target fails
         */
        void writeTo(JsonGenerator generator) throws IOException;
    }

    /**
     * Writes {@code value} as a compact JSON string.
     *
     * @param value what to write
     * @return the JSON text
     */
    public static String toJsonString(JsonWritable value) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            value.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory writer
        }
        return out.toString();
    }

    /**
     * Writes {@code value} as compact UTF-8 JSON bytes.
     *
     * @param value what to write
     * @return the JSON, UTF-8 encoded
     */
    public static byte[] toJsonBytes(JsonWritable value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            value.writeTo(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with an in-memory stream
        }
        return out.toByteArray();
    }
}
