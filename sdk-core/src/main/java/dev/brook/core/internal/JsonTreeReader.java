package dev.brook.core.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads one JSON value from a streaming parser into a Jackson tree, without an {@code ObjectMapper}.
 *
 * <p>Why not {@code ObjectMapper.readTree}: constructing the first mapper in a JVM loads some 400 Jackson
 * classes (type factory, deserializer caches, date formats and locales) that a tree never uses, about
 * 170 ms of a cold start before the first event could be read. The trees are the ones the mapper that
 * {@link Json} used to share builds: integers as the smallest of {@code int}, {@code long} and
 * {@code BigInteger} that holds them, every other number as a {@link DecimalNode} exactly as written
 * ({@code 1.50} keeps its scale), duplicate keys resolved by the last. Nesting is bounded by the
 * parser's own {@code StreamReadConstraints} (1,000 levels by default), so the recursion is too.
 */
final class JsonTreeReader {
    private JsonTreeReader() {
    }

    /**
     * Reads the value that starts at the parser's current token, leaving the parser on its last token.
     *
     * @param p a parser on the value's first token (not null)
     * @param nodes the factory of the tree's nodes
     * @return the value as a tree
     * @throws IOException when the JSON is malformed or ends early
     */
    static JsonNode read(JsonParser p, JsonNodeFactory nodes) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT:
                ObjectNode object = nodes.objectNode();
                for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                    p.nextToken();
                    object.set(name, read(p, nodes));
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    // Jackson already throws at an unclosed object; this keeps a half object from ever escaping.
                    throw eof(p);
                }
                return object;
            case START_ARRAY:
                ArrayNode array = nodes.arrayNode();
                for (JsonToken next = p.nextToken(); next != JsonToken.END_ARRAY; next = p.nextToken()) {
                    if (next == null) {
                        throw eof(p);
                    }
                    array.add(read(p, nodes));
                }
                return array;
            case VALUE_STRING:
                return nodes.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> nodes.numberNode(p.getIntValue());
                    case LONG -> nodes.numberNode(p.getLongValue());
                    default -> nodes.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT:
                // Not nodes.numberNode(BigDecimal), which may strip trailing zeros: the value stays as written.
                return DecimalNode.valueOf(p.getDecimalValue());
            case VALUE_TRUE:
                return nodes.booleanNode(true);
            case VALUE_FALSE:
                return nodes.booleanNode(false);
            case VALUE_NULL:
                return nodes.nullNode();
            default:
                // END_OBJECT, END_ARRAY or FIELD_NAME where a value must start: the parser itself rejects
                // those in the text, so only a caller on the wrong token gets here.
                throw new JsonParseException(p, "Unexpected token " + t
                        + " where a JSON value should start");
        }
    }

    /** After the last field name: the object's end, or the input ended inside it. */
    private static IOException eof(JsonParser p) {
        return new JsonEOFException(p, null,
                "Unexpected end of input inside a JSON value");
    }
}
