package dev.brook.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@link JsonValue} to and from Jackson: trees, streams, text, and data binding to application types. The
 * one place that knows both sides, so {@code JsonValue} itself has no Jackson type in its signature.
 */
public final class JsonValueCodec {
    /**
     * Holds the binding mapper, so that a stream, which never binds, does not build it (a mapper is most
     * of Jackson's start-up cost).
     */
    private static final class Binding {
        /**
         * Data binding for {@link JsonValue#as} and {@link JsonValue#from}: Jackson's defaults, except that
         * members the target type does not declare are ignored (the API adds fields), a fraction never
         * truncates into an integer type, and a
         * {@code JsonValue} inside an application object maps as the JSON it is.
         */
        static final ObjectMapper INSTANCE = JsonMapper.builder(Json.FACTORY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // 1.5 into an int is an error, not 1: no silent loss.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .addModule(new SimpleModule("brook-json-value")
                        .addSerializer(JsonValue.class, new JsonSerializer<>() {
                            @Override
                            public void serialize(JsonValue value, JsonGenerator g, SerializerProvider p)
                                    throws IOException {
                                write(g, value);
                            }
                        })
                        .addDeserializer(JsonValue.class, new JsonDeserializer<>() {
                            @Override
                            public JsonValue deserialize(JsonParser parser, DeserializationContext c) throws IOException {
                                return read(parser);
                            }

                            @Override
                            public JsonValue getNullValue(DeserializationContext c) {
                                return JsonValue.NULL;
                            }
                        }))
                .build();
    }

    private JsonValueCodec() {
    }

    /** {@link JsonValue#parse}: exactly one value, or an {@code IllegalArgumentException} saying where it breaks. */
    public static JsonValue parse(String json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("Not JSON: the text is empty");
            }
            JsonValue value = read(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("Not one JSON value: more follows at line "
                        + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        } catch (NumberFormatException e) {
            // Valid JSON, but a number no BigDecimal can hold (an exponent past int range).
            throw new IllegalArgumentException("Not a JSON value Brook can hold: a number out of range ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen reading a String
        }
    }

    /** {@link JsonValue#from}. */
    public static JsonValue from(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        }
        if (value instanceof JsonValue v) {
            return v;
        }
        try {
            return fromTree(Binding.INSTANCE.valueToTree(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot map a " + value.getClass().getName() + " to JSON: "
                    + rootMessage(e), e);
        }
    }

    /** {@link JsonValue#as}. */
    public static <T> T as(JsonValue value, Class<T> type) {
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        try {
            return Binding.INSTANCE.treeToValue(toTree(value), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot map this JSON " + kind(value) + " to " + type.getName()
                    + ": " + rootMessage(e), e);
        }
    }

    /** {@link JsonValue#toJson}. */
    public static String toJson(JsonValue value) {
        return Json.toJsonString(g -> write(g, value));
    }

    /**
     * Reads the value {@code parser} is positioned on (its current token is the value's first).
     *
     * @throws IOException when the JSON is malformed or ends early
     */
    public static JsonValue read(JsonParser parser) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == null) {
            throw new IllegalArgumentException("Not JSON: the input ended before a value");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    members.put(name, read(parser));
                }
                return members.isEmpty() ? JsonValue.JsonObject.EMPTY : new JsonValue.JsonObject(members);
            }
            case START_ARRAY: {
                List<JsonValue> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(parser));
                }
                return elements.isEmpty() ? JsonValue.JsonArray.EMPTY : new JsonValue.JsonArray(elements);
            }
            case VALUE_STRING:
                return new JsonValue.JsonString(parser.getText());
            case VALUE_NUMBER_INT:
                return new JsonValue.JsonNumber(parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? new BigDecimal(parser.getBigIntegerValue()) : BigDecimal.valueOf(parser.getLongValue()));
            case VALUE_NUMBER_FLOAT:
                return new JsonValue.JsonNumber(parser.getDecimalValue());
            case VALUE_TRUE:
                return JsonValue.TRUE;
            case VALUE_FALSE:
                return JsonValue.FALSE;
            case VALUE_NULL:
                return JsonValue.NULL;
            default:
                throw new IllegalArgumentException("Not a JSON value: " + t);
        }
    }

    /** Writes {@code value} as one JSON value. */
    public static void write(JsonGenerator g, JsonValue value) throws IOException {
        if (value instanceof JsonValue.JsonObject o) {
            g.writeStartObject();
            for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof JsonValue.JsonArray a) {
            g.writeStartArray();
            for (JsonValue element : a.elements()) {
                write(g, element);
            }
            g.writeEndArray();
        } else if (value instanceof JsonValue.JsonString s) {
            g.writeString(s.value());
        } else if (value instanceof JsonValue.JsonNumber n) {
            BigDecimal v = n.value();
            if (v.scale() == 0) {
                g.writeNumber(v.unscaledValue()); // an integer as written, never 1E+3
            } else {
                g.writeNumber(n.value());
            }
        } else if (value instanceof JsonValue.JsonBoolean b) {
            g.writeBoolean(b.value());
        } else {
            g.writeNull();
        }
    }

    /** A Jackson tree as a value; a missing node (or {@code null}) is {@link JsonValue#NULL}. */
    public static JsonValue fromTree(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonValue.NULL;
        }
        if (node.isObject()) {
            if (node.isEmpty()) {
                return JsonValue.JsonObject.EMPTY;
            }
            Map<String, JsonValue> members = new LinkedHashMap<>(node.size() * 2);
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                members.put(e.getKey(), fromTree(e.getValue()));
            }
            return new JsonValue.JsonObject(members);
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return JsonValue.JsonArray.EMPTY;
            }
            List<JsonValue> elements = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                elements.add(fromTree(element));
            }
            return new JsonValue.JsonArray(elements);
        }
        if (node.isTextual()) {
            return new JsonValue.JsonString(node.textValue());
        }
        if (node.isNumber()) {
            return new JsonValue.JsonNumber(node.isIntegralNumber()
                    ? new BigDecimal(node.bigIntegerValue()) : node.decimalValue());
        }
        if (node.isBoolean()) {
            return JsonValue.of(node.booleanValue());
        }
        // Binary or POJO nodes never come from parsing; write them out and read them back.
        return parse(node.toString());
    }

    /** A value as a new Jackson tree (the engine's own; never handed to applications). */
    public static JsonNode toTree(JsonValue value) {
        JsonNodeFactory f = Json.nodes();
        if (value instanceof JsonValue.JsonObject o) {
            ObjectNode node = f.objectNode();
            o.members().forEach((k, v) -> node.set(k, toTree(v)));
            return node;
        }
        if (value instanceof JsonValue.JsonArray a) {
            ArrayNode node = f.arrayNode(a.elements().size());
            a.elements().forEach(v -> node.add(toTree(v)));
            return node;
        }
        if (value instanceof JsonValue.JsonString s) {
            return f.textNode(s.value());
        }
        if (value instanceof JsonValue.JsonNumber n) {
            BigDecimal v = n.value();
            if (v.scale() != 0) {
                return f.numberNode(v);
            }
            // Integers as the node a parser gives, so data binding yields Integer or Long as usual.
            long l = v.unscaledValue().bitLength() < 64 ? v.longValue() : 0;
            if (v.unscaledValue().bitLength() >= 64) {
                return f.numberNode(v.unscaledValue());
            }
            return l == (int) l ? f.numberNode((int) l) : f.numberNode(l);
        }
        if (value instanceof JsonValue.JsonBoolean b) {
            return f.booleanNode(b.value());
        }
        return f.nullNode();
    }

    /** An unmodifiable, order-keeping copy of {@code fields}; the shared empty map when empty. */
    public static Map<String, JsonValue> freeze(Map<String, JsonValue> fields) {
        Objects.requireNonNull(fields, "unknownFields");
        if (fields.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonValue> copy = new LinkedHashMap<>(fields.size() * 2);
        fields.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "field name"), Objects.requireNonNull(v, k)));
        return Collections.unmodifiableMap(copy);
    }

    /** The members of a Jackson object as values, in order. */
    public static Map<String, JsonValue> members(JsonNode object) {
        if (object == null || object.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonValue> m = new LinkedHashMap<>(object.size() * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), fromTree(e.getValue()));
        }
        return m;
    }

    /** {@return "object", "array", "string", "number", "boolean" or "null"} */
    public static String kind(JsonValue value) {
        if (value instanceof JsonValue.JsonObject) {
            return "object";
        } else if (value instanceof JsonValue.JsonArray) {
            return "array";
        } else if (value instanceof JsonValue.JsonString) {
            return "string";
        } else if (value instanceof JsonValue.JsonNumber) {
            return "number";
        } else if (value instanceof JsonValue.JsonBoolean) {
            return "boolean";
        }
        return "null";
    }

    private static String rootMessage(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
