package dev.brook.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.brook.core.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the real CLI in-process with captured streams. */
final class CliRunner {
    private CliRunner() {
    }

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        List<String> outLines() {
            return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
        }

        List<String> errLines() {
            return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
        }

        List<JsonNode> outJsonLines() {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : outLines()) {
                nodes.add(json(line));
            }
            return nodes;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + out + "\n--- stderr ---\n" + err;
        }
    }

    static Result run(String... args) {
        return run(Map.of(), new byte[0], false, args);
    }

    static Result run(Map<String, String> env, String... args) {
        return run(env, new byte[0], false, args);
    }

    static Result run(Map<String, String> env, byte[] stdin, boolean ansi, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new BrookCli(ansi).run(args, new ByteArrayInputStream(stdin), o, e, env);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** The conformance folder the root pom points surefire at. */
    static Path conformanceDir() {
        String dir = System.getProperty("brook.conformance.dir");
        assertThat(dir)
                .as("system property brook.conformance.dir (set by the root pom for surefire; run the tests with Maven"
                        + " from the repository root, or pass -Dbrook.conformance.dir=/path/to/conformance)")
                .isNotBlank();
        Path path = Path.of(dir);
        assertThat(path.resolve("fixtures/manifest.json"))
                .as("conformance fixtures manifest under brook.conformance.dir=" + dir)
                .isRegularFile();
        return path;
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
