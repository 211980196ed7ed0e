package dev.brook.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.internal.Json;
import java.io.IOException;

/**
 * The contender in {@link DeltaParserBenchmark}: the same job as core's hand-written {@code FastDeltaParser}
 * (a {@code content_block_delta} of a common kind from UTF-8 bytes, or null to fall back to the tree),
 * done with Jackson's own streaming {@link JsonParser} over the same bytes, with no tree. It reads the
 * same shape as the fast path: keys {@code type}, {@code index}, {@code delta} in any order, a delta of
 * {@code type} and its one payload key; anything else is null. Stateless and thread-safe.
 */
final class JacksonStreamingDeltaReader {
    private JacksonStreamingDeltaReader() {}

    static ContentBlockDeltaEvent read(byte[] b, int off, int len) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(b, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            int index = -1;
            Delta delta = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                switch (name) {
                    case "type" -> {
                        if (p.nextToken() != JsonToken.VALUE_STRING || !"content_block_delta".equals(p.getText())) {
                            return null;
                        }
                    }
                    case "index" -> {
                        if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                            return null;
                        }
                        index = p.getIntValue();
                    }
                    case "delta" -> {
                        if (p.nextToken() != JsonToken.START_OBJECT) {
                            return null;
                        }
                        delta = delta(p);
                        if (delta == null) {
                            return null;
                        }
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (p.nextToken() != null || index < 0 || delta == null) {
                return null;
            }
            return new ContentBlockDeltaEvent(index, delta);
        }
    }

    private static Delta delta(JsonParser p) throws IOException {
        String type = null;
        String payloadKey = null;
        String payload = null;
        String name;
        while ((name = p.nextFieldName()) != null) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            if (name.equals("type")) {
                type = p.getText();
            } else {
                payloadKey = name;
                payload = p.getText();
            }
        }
        if (type == null || payloadKey == null) {
            return null;
        }
        return switch (type) {
            case "text_delta" -> payloadKey.equals("text") ? new Delta.TextDelta(payload) : null;
            case "input_json_delta" -> payloadKey.equals("partial_json") ? new Delta.InputJsonDelta(payload) : null;
            case "thinking_delta" -> payloadKey.equals("thinking") ? new Delta.ThinkingDelta(payload) : null;
            case "signature_delta" -> payloadKey.equals("signature") ? new Delta.SignatureDelta(payload) : null;
            default -> null;
        };
    }
}
