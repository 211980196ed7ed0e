package dev.brook.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Realistic Messages API streams for the benchmarks, generated the same way on every run (fixed seed):
 * text deltas of token-like sizes with a ping now and then, followed by a tool call whose ~2 KB input
 * arrives as {@code input_json_delta} fragments.
 */
final class BenchStreams {
    private static final String[] WORDS = {
        "the", "river", "sang", "at", "night,", "a", "lighthouse", "keeper", "found", "map", "drawn", "in",
        "salt.", "“Follow", "tide,”", "it", "said", "—", "and", "so", "she", "did.", "Naïve", "sailors",
        "laughed;", "gulls", "did", "not.", "🌊", "café", "\n", "\"quoted\"", "über", "façade", "12,231"
    };

    private BenchStreams() {
    }

    /** The expected text and tool input of a generated stream, to check results against. */
    record Expected(String text, String toolInputJson) {
    }

    /** A stream of {@code deltas} text deltas, then a tool_use block with a ~2 KB input. */
    static byte[] textAndTool(int deltas) {
        return build(deltas, new StringBuilder(), new StringBuilder());
    }

    static Expected expected(int deltas) {
        StringBuilder text = new StringBuilder();
        StringBuilder input = new StringBuilder();
        build(deltas, text, input);
        return new Expected(text.toString(), input.toString());
    }

    private static byte[] build(int deltas, StringBuilder text, StringBuilder input) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder(deltas * 160);
        event(out, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bench\",\"type\":\"message\","
                + "\"role\":\"assistant\",\"model\":\"claude-bench\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":1200,\"output_tokens\":1}}}");
        event(out, "content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        for (int i = 0; i < deltas; i++) {
            StringBuilder token = new StringBuilder();
            int words = 1 + random.nextInt(3);
            for (int w = 0; w < words; w++) {
                token.append(i == 0 && w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
            }
            String raw = token.toString();
            text.append(raw);
            event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + escape(raw) + "\"}}");
            if (i % 500 == 499) {
                event(out, "ping", "{\"type\": \"ping\"}");
            }
        }
        event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        event(out, "content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"toolu_bench\",\"name\":\"record_notes\",\"input\":{}}}");
        StringBuilder tool = new StringBuilder("{\"notes\":[");
        for (int i = 0; tool.length() < 2000; i++) {
            tool.append(i == 0 ? "" : ",").append("{\"n\":").append(i).append(",\"note\":\"note number ")
                    .append(i).append(" about the tide\"}");
        }
        tool.append("]}");
        input.append(tool);
        for (int at = 0; at < tool.length(); ) {
            int end = Math.min(tool.length(), at + 8 + random.nextInt(24));
            String fragment = escape(tool.substring(at, end));
            event(out, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,"
                    + "\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"" + fragment + "\"}}");
            at = end;
        }
        event(out, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}");
        event(out, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + (deltas + 40) + "}}");
        event(out, "message_stop", "{\"type\":\"message_stop\"}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private static String escape(String raw) {
        return raw.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void event(StringBuilder out, String name, String data) {
        out.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
    }

    /** Number of SSE events in {@link #textAndTool(int)}, counted from its bytes. */
    static int countEvents(byte[] stream) {
        String s = new String(stream, StandardCharsets.UTF_8);
        int n = 0;
        for (int i = s.indexOf("\n\n"); i >= 0; i = s.indexOf("\n\n", i + 2)) {
            n++;
        }
        return n;
    }
}
