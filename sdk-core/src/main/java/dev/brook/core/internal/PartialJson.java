package dev.brook.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;

/**
 * Best-effort reading of JSON text that may be cut off, such as a tool's input while it streams or after
 * {@code max_tokens} ended it.
 *
 * <p>Rules: every complete member (or array element) is kept; a trailing unfinished string is kept as the
 * prefix received (an unfinished escape at its end is dropped); an unfinished number or literal is dropped,
 * with its key; a key without its value is dropped; unfinished objects and arrays are closed. A complete
 * document gives exactly what a JSON parser gives for it (numbers included, as {@link Json#readTree} reads
 * them). A number at the very end of a container is treated as unfinished, since more digits could
 * follow.
 *
 * <p>Never throws: text that is not a prefix of valid JSON is read up to its first error, as if it ended
 * there. Stateless and thread-safe.
 */
public final class PartialJson {
    private static final int VALUE = 0;
    private static final int VALUE_OR_END = 1;
    private static final int KEY_OR_END = 2;
    private static final int KEY = 3;
    private static final int COLON = 4;
    private static final int AFTER_VALUE = 5;
    private static final int IN_STRING = 6;
    private static final int IN_NUMBER = 7;
    private static final int IN_LITERAL = 8;

    private PartialJson() {
    }

    /**
     * Whether {@code text} is exactly one complete, valid JSON value (surrounding whitespace allowed): what
     * a tool's streamed input is unless the model was cut off or, with fine-grained tool streaming, wrote
     * invalid JSON.
     *
     * @param text JSON text
     * @return true if a strict parser reads it whole without error
     */
    public static boolean isComplete(CharSequence text) {
        try (com.fasterxml.jackson.core.JsonParser p = Json.FACTORY.createParser(text.toString())) {
            if (p.nextToken() == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The best-effort value of {@code text}; {@link MissingNode} when it holds no value yet (empty, only
     * whitespace, or an unfinished top-level literal). The returned tree is new and owned by the caller.
     *
     * @param text JSON text, possibly cut off anywhere
     * @return the value so far, or a {@link MissingNode}
     * @throws NullPointerException if {@code text} is null
     */
    public static JsonNode parse(CharSequence text) {
        final int n = text.length();
        // Open containers, innermost last: '{' or '['.
        StringBuilder stack = new StringBuilder();
        int safeLen = -1; // end of the longest prefix that is valid once its open containers are closed
        int safeDepth = 0; // how many containers are open at safeLen
        int state = VALUE;
        boolean stringIsKey = false;
        int tokenStart = 0;
        String literal = null;
        int literalPos = 0;
        int stringCut = -1; // where an unfinished escape starts, if the text ends inside one
        int topEnd = -1; // end of the complete top-level value
        int i = 0;
        scan:
        while (i < n) {
            char c = text.charAt(i);
            switch (state) {
                case VALUE_OR_END:
                    if (isWs(c)) {
                        i++;
                        continue;
                    }
                    if (c == ']') {
                        stack.setLength(stack.length() - 1);
                        i++;
                        state = AFTER_VALUE;
                        if (stack.length() == 0) {
                            topEnd = i;
                            break scan;
                        }
                        safeLen = i;
                        safeDepth = stack.length();
                        continue;
                    }
                    state = VALUE;
                    continue;
                case VALUE:
                    if (isWs(c)) {
                        i++;
                        continue;
                    }
                    if (c == '{' || c == '[') {
                        stack.append(c);
                        i++;
                        safeLen = i;
                        safeDepth = stack.length();
                        state = c == '{' ? KEY_OR_END : VALUE_OR_END;
                    } else if (c == '"') {
                        tokenStart = i;
                        stringIsKey = false;
                        state = IN_STRING;
                        i++;
                    } else if (c == '-' || (c >= '0' && c <= '9')) {
                        tokenStart = i;
                        state = IN_NUMBER;
                        i++;
                    } else if (c == 't' || c == 'f' || c == 'n') {
                        literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
                        literalPos = 1;
                        state = IN_LITERAL;
                        i++;
                    } else {
                        break scan; // not JSON: read up to here
                    }
                    continue;
                case KEY_OR_END:
                case KEY:
                    if (isWs(c)) {
                        i++;
                        continue;
                    }
                    if (c == '}' && state == KEY_OR_END) {
                        stack.setLength(stack.length() - 1);
                        i++;
                        state = AFTER_VALUE;
                        if (stack.length() == 0) {
                            topEnd = i;
                            break scan;
                        }
                        safeLen = i;
                        safeDepth = stack.length();
                        continue;
                    }
                    if (c != '"') {
                        break scan;
                    }
                    stringIsKey = true;
                    tokenStart = i;
                    state = IN_STRING;
                    i++;
                    continue;
                case COLON:
                    if (isWs(c)) {
                        i++;
                        continue;
                    }
                    if (c != ':') {
                        break scan;
                    }
                    state = VALUE;
                    i++;
                    continue;
                case AFTER_VALUE: {
                    if (isWs(c)) {
                        i++;
                        continue;
                    }
                    char top = stack.charAt(stack.length() - 1);
                    if (c == ',') {
                        state = top == '{' ? KEY : VALUE;
                        i++;
                        continue;
                    }
                    if ((c == '}' && top == '{') || (c == ']' && top == '[')) {
                        stack.setLength(stack.length() - 1);
                        i++;
                        if (stack.length() == 0) {
                            topEnd = i;
                            break scan;
                        }
                        safeLen = i;
                        safeDepth = stack.length();
                        continue;
                    }
                    break scan;
                }
                case IN_STRING:
                    if (c == '\\') {
                        if (i + 1 >= n) {
                            stringCut = i;
                            i = n;
                            break scan;
                        }
                        if (text.charAt(i + 1) == 'u') {
                            if (i + 5 >= n) {
                                stringCut = i;
                                i = n;
                                break scan;
                            }
                            i += 6;
                        } else {
                            i += 2;
                        }
                        continue;
                    }
                    i++;
                    if (c == '"') {
                        if (stringIsKey) {
                            state = COLON;
                        } else {
                            state = AFTER_VALUE;
                            if (stack.length() == 0) {
                                topEnd = i;
                                break scan;
                            }
                            safeLen = i;
                            safeDepth = stack.length();
                        }
                    }
                    continue;
                case IN_NUMBER:
                    if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                        i++;
                        continue;
                    }
                    state = AFTER_VALUE;
                    if (stack.length() == 0) {
                        topEnd = i;
                        break scan;
                    }
                    safeLen = i;
                    safeDepth = stack.length();
                    continue;
                case IN_LITERAL:
                    if (c != literal.charAt(literalPos)) {
                        break scan;
                    }
                    i++;
                    literalPos++;
                    if (literalPos == literal.length()) {
                        state = AFTER_VALUE;
                        if (stack.length() == 0) {
                            topEnd = i;
                            break scan;
                        }
                        safeLen = i;
                        safeDepth = stack.length();
                    }
                    continue;
                default:
                    throw new AssertionError(state);
            }
        }
        if (topEnd >= 0) {
            return read(text.subSequence(0, topEnd));
        }
        if (i >= n && state == IN_STRING && !stringIsKey) {
            // The text ends inside a string value: keep what arrived, closing the string and containers.
            int cut = stringCut >= 0 ? stringCut : n;
            StringBuilder sb = new StringBuilder(cut + 1 + stack.length());
            sb.append(text, 0, cut).append('"');
            close(sb, stack, stack.length());
            return read(sb);
        }
        if (i >= n && state == IN_NUMBER && stack.length() == 0) {
            return read(text.subSequence(tokenStart, n)); // a whole top-level number
        }
        if (safeLen < 0) {
            return MissingNode.getInstance();
        }
        StringBuilder sb = new StringBuilder(safeLen + safeDepth);
        sb.append(text, 0, safeLen);
        close(sb, stack, safeDepth);
        return read(sb);
    }

    private static void close(StringBuilder sb, CharSequence stack, int depth) {
        for (int d = depth - 1; d >= 0; d--) {
            sb.append(stack.charAt(d) == '{' ? '}' : ']');
        }
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static JsonNode read(CharSequence json) {
        try (JsonParser p = Json.FACTORY.createParser(json.toString())) {
            return Json.readTree(p);
        } catch (IOException | RuntimeException e) {
            // Only reachable for text that was not a prefix of valid JSON (say a malformed number):
            // best effort means no value rather than an exception.
            return MissingNode.getInstance();
        }
    }
}
