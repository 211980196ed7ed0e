package dev.brook.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.brook.core.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Compares request bodies as JSON trees, so field order and spacing do not matter. */
final class JsonAssert {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonAssert() {
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@return {@code json} as a Brook JSON value, for the request model} */
    static JsonValue value(String json) {
        return JsonValue.parse(json);
    }

    /** Asserts the body written for {@code request} equals {@code expectedJson} as a tree. */
    static void assertBody(MessageRequest request, boolean stream, String expectedJson) {
        assertThat(tree(request.toJson(stream))).isEqualTo(tree(expectedJson));
    }
}
