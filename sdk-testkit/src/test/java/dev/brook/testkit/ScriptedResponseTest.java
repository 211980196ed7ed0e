package dev.brook.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScriptedResponseTest {

    private static List<String> strings(List<byte[]> pieces) {
        return pieces.stream().map(p -> new String(p, StandardCharsets.UTF_8)).collect(Collectors.toList());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void splitAfterBlankLinesCutsAfterEachEventForLfCrlfAndCr() {
        assertThat(strings(ScriptedResponse.splitAfterBlankLines(utf8("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n"))))
                .containsExactly("event: a\ndata: 1\n\n", "event: b\ndata: 2\n\n");
        assertThat(strings(ScriptedResponse.splitAfterBlankLines(utf8("data: 1\r\n\r\ndata: 2\r\n\r\n"))))
                .containsExactly("data: 1\r\n\r\n", "data: 2\r\n\r\n");
        assertThat(strings(ScriptedResponse.splitAfterBlankLines(utf8("data: 1\r\rdata: 2\r\r"))))
                .containsExactly("data: 1\r\r", "data: 2\r\r");
    }

    @Test
    void splitAfterBlankLinesKeepsAnUnterminatedTailAndLeadingBlankLines() {
        assertThat(strings(ScriptedResponse.splitAfterBlankLines(utf8("\ndata: 1\n\ndata: 2"))))
                .containsExactly("\n", "data: 1\n\n", "data: 2");
        assertThat(ScriptedResponse.splitAfterBlankLines(new byte[0])).isEmpty();
    }

    @Test
    void sseInChunksSplitsAtFixedSizesWithDelaysBetween() {
        ScriptedResponse r = ScriptedResponse.sseInChunks(utf8("abcdefg"), 3, Duration.ofMillis(7));
        assertThat(r.steps()).extracting(s -> new String(s.bytes, StandardCharsets.UTF_8))
                .containsExactly("abc", "def", "g");
        assertThat(r.steps()).extracting(s -> s.duration)
                .containsExactly(Duration.ZERO, Duration.ofMillis(7), Duration.ofMillis(7));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).anySatisfy(h -> {
            assertThat(h.getKey()).isEqualTo("content-type");
            assertThat(h.getValue()).isEqualTo("text/event-stream");
        });
        assertThat(r.body()).isEqualTo(utf8("abcdefg"));
    }

    @Test
    void sseByEventSendsOneChunkPerEvent() {
        ScriptedResponse r = ScriptedResponse.sseByEvent(utf8("data: 1\n\ndata: 2\n\n"), Duration.ofMillis(3));
        assertThat(r.steps()).extracting(s -> new String(s.bytes, StandardCharsets.UTF_8))
                .containsExactly("data: 1\n\n", "data: 2\n\n");
        assertThat(r.steps()).extracting(s -> s.duration).containsExactly(Duration.ZERO, Duration.ofMillis(3));
    }

    @Test
    void chunkBytesAreCopiedSoLaterChangesDoNotLeak() {
        byte[] bytes = utf8("abc");
        ScriptedResponse r = ScriptedResponse.builder().chunk(bytes).build();
        bytes[0] = 'X';
        assertThat(r.body()).isEqualTo(utf8("abc"));
    }

    @Test
    void newBuilderDerivesAVariantWithoutChangingTheOriginal() {
        ScriptedResponse original = ScriptedResponse.sse("data: 1\n\n");
        ScriptedResponse variant = original.newBuilder().closeMidBody().gzip().build();
        assertThat(original.steps()).hasSize(1);
        assertThat(original.isGzip()).isFalse();
        assertThat(variant.steps()).hasSize(2);
        assertThat(variant.isGzip()).isTrue();
    }

    @Test
    void builderRejectsBadArgumentsByName() {
        assertThatThrownBy(() -> ScriptedResponse.builder().status(99))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("status must be 100 to 999: 99");
        assertThatThrownBy(() -> ScriptedResponse.builder().header("Content-Length", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Content-Length is set by the server from the script; call fixedLength() for Content-Length");
        assertThatThrownBy(() -> ScriptedResponse.builder().header("x", "a\r\nb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> ScriptedResponse.builder().header("bad name", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("Invalid header name: \"bad name\"");
        assertThatThrownBy(() -> ScriptedResponse.builder().chunk("x", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("delayBefore < 0: PT-0.001S");
        assertThatThrownBy(() -> ScriptedResponse.sseInChunks(new byte[1], 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chunkSize < 1: 0");
        assertThatThrownBy(() -> ScriptedResponse.builder().header("Content-Encoding", "br").gzip().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gzip() adds Content-Encoding itself");
        assertThatThrownBy(() -> ScriptedResponse.sse((String) null))
                .isInstanceOf(NullPointerException.class).hasMessage("body");
    }
}
