package dev.brook.core.internal;

import dev.brook.core.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Typed reads of documented fields out of a raw {@link JsonValue}, for the model's derived accessors:
 * a field that is absent or of another type reads as empty, never as an error, so a changed API shape
 * degrades to "not known" and the raw value stays available. Stateless.
 */
public final class JsonFields {
    private JsonFields() {
    }

    /** {@return the value at {@code path} (member names) under {@code value}, if every step exists} */
    public static Optional<JsonValue> at(JsonValue value, String... path) {
        Optional<JsonValue> v = Optional.ofNullable(value);
        for (String name : path) {
            v = v.flatMap(x -> x.get(name));
        }
        return v;
    }

    /** {@return the string at {@code path}, if it is a string} */
    public static Optional<String> string(JsonValue value, String... path) {
        return at(value, path).flatMap(JsonValue::asString);
    }

    /** {@return the integer at {@code path}, if it is a number that fits a long} */
    public static OptionalLong integer(JsonValue value, String... path) {
        Optional<JsonValue> v = at(value, path);
        if (v.isPresent() && v.get() instanceof JsonValue.JsonNumber n && n.value().scale() <= 0
                && n.value().abs().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
            return OptionalLong.of(n.value().longValue());
        }
        return OptionalLong.empty();
    }

    /** {@return the integer at {@code path}, if it is a number that fits an int} */
    public static OptionalInt smallInteger(JsonValue value, String... path) {
        OptionalLong l = integer(value, path);
        return l.isPresent() && l.getAsLong() == (int) l.getAsLong() ? OptionalInt.of((int) l.getAsLong())
                : OptionalInt.empty();
    }

    /** {@return the boolean at {@code path}, if it is a boolean} */
    public static Optional<Boolean> bool(JsonValue value, String... path) {
        return at(value, path).filter(JsonValue.JsonBoolean.class::isInstance)
                .map(v -> ((JsonValue.JsonBoolean) v).value());
    }

    /** {@return the elements of the array at {@code path}; empty when it is not an array} */
    public static List<JsonValue> array(JsonValue value, String... path) {
        return at(value, path).filter(JsonValue.JsonArray.class::isInstance)
                .map(v -> ((JsonValue.JsonArray) v).elements()).orElse(List.of());
    }

    /** {@return the string {@code field} of each object element of the array at {@code path}} */
    public static List<String> strings(JsonValue value, String field, String... path) {
        List<String> out = new ArrayList<>();
        for (JsonValue element : array(value, path)) {
            string(element, field).ifPresent(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * {@return the {@code error_code} when {@code content} is an error object: an object whose
     * {@code type} ends in {@code _error}}
     */
    public static Optional<String> errorCode(JsonValue content) {
        return string(content, "type").filter(t -> t.endsWith("_error"))
                .flatMap(t -> string(content, "error_code"));
    }
}
