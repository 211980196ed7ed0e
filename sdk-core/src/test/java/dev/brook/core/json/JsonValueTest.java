package dev.brook.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueTest {
    record WeatherArgs(String location, int days) {
    }

    record Wrapper(String name, JsonValue extra) {
    }

    @Test
    void parsesEveryKindAndWritesItBackCompact() {
        String json = "{\"s\": \"a\\\"b\\u00e9\", \"n\": -12, \"d\": 1.50, \"big\": 123456789012345678901234567890,"
                + " \"e\": 1e400, \"t\": true, \"f\": false, \"z\": null, \"a\": [1, [], {}], \"o\": {\"k\": \"v\"}}";
        JsonValue v = JsonValue.parse(json);

        assertThat(v).isInstanceOf(JsonValue.JsonObject.class);
        assertThat(v.toJson()).isEqualTo("{\"s\":\"a\\\"bé\",\"n\":-12,\"d\":1.50,\"big\":123456789012345678901234567890,"
                + "\"e\":1E+400,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}}");
        assertThat(JsonValue.parse(v.toJson())).isEqualTo(v);
        assertThat(v.toString()).isEqualTo(v.toJson());
        assertThat(v.get("s").flatMap(JsonValue::asString)).contains("a\"bé");
        assertThat(v.get("a").flatMap(a -> a.get(0))).contains(JsonValue.of(1));
        assertThat(v.get("a").flatMap(a -> a.get(3))).isEmpty();
        assertThat(v.get("z")).contains(JsonValue.NULL);
        assertThat(v.get("z").orElseThrow().isNull()).isTrue();
        assertThat(v.get("missing")).isEmpty();
        assertThat(JsonValue.of("x").get("x")).isEmpty();
        assertThat(((JsonValue.JsonNumber) v.get("n").orElseThrow()).intValue()).isEqualTo(-12);
        assertThat(((JsonValue.JsonNumber) v.get("d").orElseThrow()).doubleValue()).isEqualTo(1.5);
    }

    @Test
    void equalityIsJsonEquality() {
        assertThat(JsonValue.parse("{\"a\": 1, \"b\": [true, null]}"))
                .isEqualTo(JsonValue.parse("{\"b\": [true, null], \"a\": 1}"))
                .hasSameHashCodeAs(JsonValue.parse("{\"b\": [true, null], \"a\": 1}"));
        assertThat(JsonValue.parse("1.50")).isEqualTo(JsonValue.parse("1.5")).hasSameHashCodeAs(JsonValue.parse("1.5"));
        assertThat(JsonValue.parse("0.0")).isEqualTo(JsonValue.of(0)).hasSameHashCodeAs(JsonValue.of(0));
        assertThat(JsonValue.parse("100")).isEqualTo(JsonValue.parse("1e2"));
        assertThat(JsonValue.parse("[1, 2]")).isNotEqualTo(JsonValue.parse("[2, 1]"));
        assertThat(JsonValue.parse("\"1\"")).isNotEqualTo(JsonValue.of(1));
        assertThat(new JsonValue.JsonNull()).isEqualTo(JsonValue.NULL);
    }

    @Test
    void valuesAreDeeplyUnmodifiableCopies() {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        List<JsonValue> elements = new ArrayList<>(List.of(JsonValue.of(1)));
        members.put("list", new JsonValue.JsonArray(elements));
        JsonValue.JsonObject object = new JsonValue.JsonObject(members);

        members.put("more", JsonValue.TRUE);
        elements.add(JsonValue.of(2));

        assertThat(object.toJson()).isEqualTo("{\"list\":[1]}");
        assertThatThrownBy(() -> object.members().put("x", JsonValue.NULL)).isInstanceOf(UnsupportedOperationException.class);
        JsonValue.JsonArray list = (JsonValue.JsonArray) object.get("list").orElseThrow();
        assertThatThrownBy(() -> list.elements().add(JsonValue.NULL)).isInstanceOf(UnsupportedOperationException.class);
        Map<String, JsonValue> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> new JsonValue.JsonObject(withNull)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("JsonValue.NULL");
    }

    @Test
    void mapsToAndFromApplicationTypes() {
        JsonValue input = JsonValue.parse("{\"location\": \"Paris\", \"days\": 3, \"unit\": \"celsius\"}");

        WeatherArgs args = input.as(WeatherArgs.class);

        assertThat(args).isEqualTo(new WeatherArgs("Paris", 3)); // a member the record lacks is ignored
        assertThat(JsonValue.from(args)).isEqualTo(JsonValue.parse("{\"location\": \"Paris\", \"days\": 3}"));
        assertThat(JsonValue.from(Map.of("k", List.of(1, "two")))).isEqualTo(JsonValue.parse("{\"k\": [1, \"two\"]}"));
        assertThat(JsonValue.from(null)).isEqualTo(JsonValue.NULL);
        assertThat(JsonValue.from(input)).isSameAs(input);
        assertThat(input.as(JsonValue.class)).isSameAs(input);
        assertThat(JsonValue.parse("[1, 2]").as(List.class)).isEqualTo(List.of(1, 2));
        assertThat(JsonValue.parse("2.5").as(BigDecimal.class)).isEqualTo(new BigDecimal("2.5"));
    }

    @Test
    void aJsonValueInsideAnApplicationTypeMapsAsTheJsonItIs() {
        JsonValue json = JsonValue.parse("{\"name\": \"n\", \"extra\": {\"deep\": [1, null]}}");

        Wrapper w = json.as(Wrapper.class);

        assertThat(w.extra()).isEqualTo(JsonValue.parse("{\"deep\": [1, null]}"));
        assertThat(JsonValue.from(w)).isEqualTo(json);
        assertThat(JsonValue.parse("{\"name\": \"n\", \"extra\": null}").as(Wrapper.class).extra()).isEqualTo(JsonValue.NULL);
    }

    @Test
    void aNumberNoBigDecimalCanHoldIsAnIllegalArgumentNotANumberFormatException() {
        // Found by PartialJsonFuzzTest: Jackson throws NumberFormatException unchecked for this valid JSON.
        assertThatThrownBy(() -> JsonValue.parse("777777777771E777777777777777777"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not a JSON value Brook can hold: a number out of range");
        assertThatThrownBy(() -> dev.brook.core.event.Message.fromJson("{\"id\": 1E777777777777777777}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> JsonValue.parse("{\"a\": "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("Not JSON: ");
        assertThatThrownBy(() -> JsonValue.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Not JSON: the text is empty");
        assertThatThrownBy(() -> JsonValue.parse("{} {}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Not one JSON value: more follows at line 1");
        assertThatThrownBy(() -> JsonValue.parse("[1, 2]").as(WeatherArgs.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot map this JSON array to " + WeatherArgs.class.getName() + ": ");
        assertThatThrownBy(() -> JsonValue.from(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot map a java.lang.Object to JSON: ");
        assertThatThrownBy(() -> JsonValue.parse("1.5").as(Integer.class).intValue())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
