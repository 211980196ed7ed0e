package dev.brook.core.json;

import dev.brook.core.internal.JsonValueCodec;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable JSON value: what Brook hands out wherever the API sends JSON whose shape it does not fix
 * (a tool's input, citations, fields a newer API added) and takes wherever a request carries such JSON
 * (a tool's input schema, raw content, extras).
 *
 * <p>The six kinds are records, so code can match on them:
 * {@code if (value instanceof JsonValue.JsonString s) { ... s.value() ... }}. Most code does not need to:
 * {@link #as(Class)} maps a value to the application's own type (a record, a bean, a {@code Map}), and
 * {@link #from(Object)} maps back, through Jackson's data binding (Jackson stays inside Brook; no Jackson
 * type appears here). Its defaults apply, except that members a target type does not declare are ignored
 * (the API adds fields) and a fraction never truncates into an integer type.
 *
 * <p>Values are deeply unmodifiable and thread-safe, with value equality: two values are equal when they
 * are the same JSON (object members in any order; numbers by numeric value, so {@code 1.50} equals
 * {@code 1.5}). {@code toString()} is {@link #toJson()}.
 */
public sealed interface JsonValue
        permits JsonValue.JsonObject, JsonValue.JsonArray, JsonValue.JsonString, JsonValue.JsonNumber,
                JsonValue.JsonBoolean, JsonValue.JsonNull {

    /** JSON {@code null}. */
    JsonNull NULL = new JsonNull();

    /** JSON {@code true}. */
    JsonBoolean TRUE = new JsonBoolean(true);

    /** JSON {@code false}. */
    JsonBoolean FALSE = new JsonBoolean(false);

    /**
     * Parses one JSON document.
     *
     * @param json the JSON text
     * @return the value it holds
     * @throws IllegalArgumentException when {@code json} is not exactly one well-formed JSON value; the
     *     message says where it breaks
     */
    static JsonValue parse(String json) {
        return JsonValueCodec.parse(Objects.requireNonNull(json, "json"));
    }

    /**
     * Maps an application object to JSON with Jackson's data binding (records, beans, maps, lists,
     * strings, numbers, booleans). A {@code JsonValue} is returned as it is; {@code null} is
     * {@link #NULL}.
     *
     * @param value the object to map
     * @return its JSON value
     * @throws IllegalArgumentException when Jackson cannot map the object's type; the message names it
     */
    static JsonValue from(Object value) {
        return JsonValueCodec.from(value);
    }

    /**
     * {@return a JSON string}
     *
     * @param value the string
     */
    static JsonString of(String value) {
        return new JsonString(value);
    }

    /**
     * {@return a JSON number}
     *
     * @param value the number
     */
    static JsonNumber of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    /**
     * {@return a JSON boolean}
     *
     * @param value the boolean
     */
    static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /**
     * Maps this value to an application type with Jackson's data binding: a record or bean for an
     * object (unknown members are ignored), a {@code List}, {@code Map}, {@code String}, number or
     * {@code Boolean}.
     *
     * <pre>{@code
     * record WeatherArgs(String location) {}
     * WeatherArgs args = toolUse.input().as(WeatherArgs.class);
     * }</pre>
     *
     * <p>On the module path, Jackson reads {@code type} reflectively: its package must be open to
     * {@code com.fasterxml.jackson.databind} ({@code opens com.example.tools to com.fasterxml.jackson.databind;}).
     *
     * @param type the type to map to
     * @param <T> the type to map to
     * @return a new instance of {@code type}
     * @throws IllegalArgumentException when this value does not fit {@code type}; the message names the
     *     type and the mismatch
     */
    default <T> T as(Class<T> type) {
        return JsonValueCodec.as(this, Objects.requireNonNull(type, "type"));
    }

    /** {@return this value as compact JSON text} */
    default String toJson() {
        return JsonValueCodec.toJson(this);
    }

    /**
     * {@return the member {@code name} of this object; empty when this is not an object or has no such
     * member}
     *
     * @param name the member's name
     */
    default Optional<JsonValue> get(String name) {
        return Optional.empty();
    }

    /**
     * {@return the element at {@code index} of this array; empty when this is not an array or the index
     * is out of range}
     *
     * @param index the element's position, from 0
     */
    default Optional<JsonValue> get(int index) {
        return Optional.empty();
    }

    /** {@return whether this is JSON {@code null}} */
    default boolean isNull() {
        return this instanceof JsonNull;
    }

    /** {@return this value's text when it is a JSON string; empty otherwise} */
    default Optional<String> asString() {
        return Optional.empty();
    }

    /**
     * A JSON object: its members in the order they were given.
     *
     * @param members the members, copied (names and values non-null)
     */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        /** The empty object. */
        public static final JsonObject EMPTY = new JsonObject(Map.of());

        /**
         * Copies the members, keeping their order.
         *
         * @param members the members
         */
        public JsonObject {
            Objects.requireNonNull(members, "members");
            if (members.isEmpty()) {
                members = Map.of();
            } else {
                Map<String, JsonValue> copy = new LinkedHashMap<>(members.size() * 2);
                members.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "member name"),
                        Objects.requireNonNull(v, () -> "member " + k + " (use JsonValue.NULL for null)")));
                members = Collections.unmodifiableMap(copy);
            }
        }

        @Override
        public Optional<JsonValue> get(String name) {
            return Optional.ofNullable(members.get(name));
        }

        @Override
        public String toString() {
            return toJson();
        }
    }

    /**
     * A JSON array.
     *
     * @param elements the elements, copied (non-null)
     */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        /** The empty array. */
        public static final JsonArray EMPTY = new JsonArray(List.of());

        /**
         * Copies the elements.
         *
         * @param elements the elements
         */
        public JsonArray {
            elements = List.copyOf(Objects.requireNonNull(elements, "elements"));
        }

        @Override
        public Optional<JsonValue> get(int index) {
            return index >= 0 && index < elements.size() ? Optional.of(elements.get(index)) : Optional.empty();
        }

        @Override
        public String toString() {
            return toJson();
        }
    }

    /**
     * A JSON string.
     *
     * @param value the text
     */
    record JsonString(String value) implements JsonValue {
        /**
         * Checks the text.
         *
         * @param value the text
         */
        public JsonString {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<String> asString() {
            return Optional.of(value);
        }

        @Override
        public String toString() {
            return toJson();
        }
    }

    /**
     * A JSON number, exact: decimals keep the digits they were written with ({@code 1.50} is written
     * back as {@code 1.50}), and equality is numeric ({@code 1.50} equals {@code 1.5}).
     *
     * @param value the number
     */
    record JsonNumber(BigDecimal value) implements JsonValue {
        /**
         * Checks the number.
         *
         * @param value the number
         */
        public JsonNumber {
            Objects.requireNonNull(value, "value");
        }

        /**
         * {@return the number as an {@code int}}
         *
         * @throws ArithmeticException when it has a fraction or does not fit
         */
        public int intValue() {
            return value.intValueExact();
        }

        /**
         * {@return the number as a {@code long}}
         *
         * @throws ArithmeticException when it has a fraction or does not fit
         */
        public long longValue() {
            return value.longValueExact();
        }

        /** {@return the nearest {@code double}} */
        public double doubleValue() {
            return value.doubleValue();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof JsonNumber n && value.compareTo(n.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return toJson();
        }
    }

    /**
     * A JSON boolean.
     *
     * @param value the boolean
     */
    record JsonBoolean(boolean value) implements JsonValue {
        @Override
        public String toString() {
            return toJson();
        }
    }

    /** JSON {@code null}; all instances are equal, {@link JsonValue#NULL} is the usual one. */
    record JsonNull() implements JsonValue {
        @Override
        public String toString() {
            return "null";
        }
    }
}
