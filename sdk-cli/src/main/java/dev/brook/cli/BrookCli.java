package dev.brook.cli;

import dev.brook.core.accumulate.MessageStreamDecoder;
import dev.brook.core.client.Brook;
import dev.brook.core.client.MessageStream;
import dev.brook.core.error.ApiException;
import dev.brook.core.error.BrookException;
import dev.brook.core.error.ConnectionException;
import dev.brook.core.error.IncompleteStreamException;
import dev.brook.core.error.NoTransportException;
import dev.brook.core.error.StreamErrorException;
import dev.brook.core.error.StreamProtocolException;
import dev.brook.core.error.StreamTimeoutException;
import dev.brook.core.event.ContentBlockDeltaEvent;
import dev.brook.core.event.ContentBlockStartEvent;
import dev.brook.core.event.ContentBlockStopEvent;
import dev.brook.core.event.Delta;
import dev.brook.core.event.Message;
import dev.brook.core.event.StopReason;
import dev.brook.core.event.StreamEvent;
import dev.brook.core.event.ThinkingBlock;
import dev.brook.core.request.MessageRequest;
import dev.brook.core.request.ThinkingConfig;
import dev.brook.core.sse.SseDecoder;
import dev.brook.testkit.FakeMessagesServer;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@code brook} command: streams a reply from the Messages API to the terminal, or, without an API
 * key, from an embedded server replaying a scripted reply; and decodes captured SSE bodies
 * ({@code brook decode}). Run {@code brook --help} for the options.
 *
 * <p>{@link #run} holds the whole command and touches no global state (no {@code System.exit}, no
 * {@code System.out}), so tests run it in-process; {@link #main} only wires it to the process.
 *
 * <p>Exit codes: {@value #OK} success, {@value #FAILURE} unexpected failure, {@value #USAGE} usage,
 * {@value #API_ERROR} API error status, {@value #STREAM_ERROR} stream error event, {@value #INCOMPLETE}
 * incomplete stream, {@value #PROTOCOL} protocol error, {@value #CONNECTION} connection or timeout.
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class BrookCli {
    /** Success. */
    public static final int OK = 0;
    /** A failure none of the other codes describes (a bug, or an unreadable input). */
    public static final int FAILURE = 1;
    /** Bad command line. */
    public static final int USAGE = 2;
    /** The API answered with an error status (an {@link ApiException}). */
    public static final int API_ERROR = 3;
    /** The stream carried an {@code event: error}. */
    public static final int STREAM_ERROR = 4;
    /** The stream ended before {@code message_stop}. */
    public static final int INCOMPLETE = 5;
    /** The stream broke the protocol (bad JSON, events out of order, oversized event). */
    public static final int PROTOCOL = 6;
    /** No connection could be made, or a timeout fired. */
    public static final int CONNECTION = 7;

    /**
     * The model used when neither {@code --model} nor {@code BROOK_MODEL} names one: fixed in each release
     * (model names go stale, so the help says where the default comes from and how to change it).
     */
    static final String DEFAULT_MODEL = "claude-opus-4-6";
    static final int DEFAULT_MAX_TOKENS = 1024;
    static final String REPLAY_NOTICE =
            "brook: no ANTHROPIC_API_KEY set; replaying a scripted reply from an embedded server (replay mode";

    private static final String DIM = "\u001b[2m";
    private static final String RESET = "\u001b[0m";
    private static final int READ_BUFFER = 16 * 1024;
    private static final Set<String> CHAT_ONLY =
            Set.of("--transport", "--backend", "--model", "--max-tokens", "--system", "--thinking", "--events", "--json",
                    "--stats");
    private static final Set<String> DECODE_ONLY = Set.of("--sse", "--final");

    static final String USAGE_TEXT = String.join("\n",
            "Usage: brook [OPTIONS] PROMPT",
            "       brook decode [--sse | --final] [FILE | -]",
            "",
            "Streams a reply from the Anthropic Messages API to the terminal as it arrives.",
            "With ANTHROPIC_API_KEY set it calls the API (ANTHROPIC_BASE_URL honoured); without it,",
            "it replays a scripted reply from an embedded local server (replay mode), so no key",
            "and no network are needed.",
            "",
            "Options:",
            "  --transport NAME    HTTP stack: jdk, okhttp, apache, vertx (those on the class path;",
            "                      default: BROOK_TRANSPORT, else the one with the highest priority)",
            "  --backend NAME      where Claude is reached: anthropic (default), bedrock (AWS_REGION,",
            "                      AWS credentials or AWS_BEARER_TOKEN_BEDROCK; needs --model with a",
            "                      Bedrock model id), vertex (ANTHROPIC_VERTEX_PROJECT_ID, CLOUD_ML_REGION,",
            "                      Google application default credentials), foundry",
            "                      (ANTHROPIC_FOUNDRY_RESOURCE, ANTHROPIC_FOUNDRY_API_KEY); without its",
            "                      variables, a cloud is replayed from an embedded fake of it",
            "  --model NAME        model (default: BROOK_MODEL, else " + DEFAULT_MODEL + ", the default",
            "                      built into this release of brook)",
            "  --max-tokens N      most tokens in the reply (default " + DEFAULT_MAX_TOKENS
                    + "; with --thinking, TOKENS + " + DEFAULT_MAX_TOKENS + ")",
            "  --system TEXT       system prompt",
            "  --thinking TOKENS   extended thinking with this budget; thinking is shown first",
            "                      (dimmed on a terminal)",
            "  --events            print each typed event as one JSON line instead of the text",
            "  --json              print the final message as JSON instead of the text",
            "  --stats             after the reply, print on stderr the time to first token, tokens per",
            "                      second, the request id and the attempts",
            "  --debug             print stack traces with errors",
            "  -h, --help          print this help",
            "  --version           print the version",
            "",
            "decode: reads a captured text/event-stream body from FILE or stdin (- or none)",
            "  (default)           each typed event as one JSON line",
            "  --sse               each SSE event as {\"event\",\"data\",\"id\",\"retry\"} (one JSON line)",
            "  --final             the accumulated message as JSON; on a stream error, incomplete",
            "                      stream or protocol error, the snapshot so far, and the error on stderr",
            "",
            "Exit codes: 0 success, 1 other failure, 2 usage, 3 API error, 4 stream error event,",
            "            5 incomplete stream, 6 protocol error, 7 connection or timeout.",
            "");

    private final boolean ansi;
    private final List<String> secrets = new ArrayList<>();
    private boolean debug;

    /**
     * A CLI instance.
     *
     * @param ansi whether stdout is a terminal that takes ANSI styling (thinking is dimmed)
     */
    public BrookCli(boolean ansi) {
        this.ansi = ansi;
    }

    /** Runs the command with the process's streams and environment, then exits with its code. */
    public static void main(String[] args) {
        if (!List.of(args).contains("--debug")) {
            // Brook logs its transport choice at INFO; on a command line that is noise between the reply
            // and the prompt. The shaded jar has no logging binding, so System.Logger goes to JUL.
            QUIET.setLevel(Level.WARNING);
        }
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 8192),
                false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        boolean terminal = System.console() != null;
        if (terminal) {
            // Ctrl-C in the middle of dimmed thinking would leave the terminal dim: always reset on exit.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.print(RESET);
                out.flush();
            }, "brook-reset-terminal"));
        }
        int code = new BrookCli(terminal).run(args, System.in, out, err, System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Held strongly: JUL keeps loggers weakly, and a collected logger forgets its level. */
    private static final Logger QUIET = Logger.getLogger("dev.brook");

    /**
     * Runs one command.
     *
     * @param args the command line, without the program name
     * @param in read by {@code decode} when no file is given
     * @param out the reply, events, JSON
     * @param err notices and errors, one line each (plus stack traces with {@code --debug})
     * @param env the environment: {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_AUTH_TOKEN},
     *     {@code ANTHROPIC_BASE_URL}, {@code BROOK_TRANSPORT}
     * @return the exit code
     */
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(env, "env");
        List<String> secretVariables = new ArrayList<>(List.of("ANTHROPIC_API_KEY", "ANTHROPIC_AUTH_TOKEN"));
        secretVariables.addAll(CloudBackend.SECRET_VARIABLES);
        for (String name : secretVariables) {
            String secret = env.get(name);
            if (secret != null && !secret.isBlank()) {
                secrets.add(secret.trim());
            }
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            line(err, e.getMessage() + " (see brook --help)");
            return USAGE;
        }
        debug = options.debug;
        if (options.help) {
            out.print(USAGE_TEXT);
            out.flush();
            return OK;
        }
        if (options.version) {
            out.print("brook " + Brook.VERSION + "\n");
            out.flush();
            return OK;
        }
        try {
            return options.decode ? decode(options, in, out, err) : chat(options, out, err, env);
        } catch (RuntimeException e) {
            out.flush();
            return report(e, err);
        } finally {
            out.flush();
        }
    }

    // ---- brook PROMPT ----

    private int chat(Options o, PrintStream out, PrintStream err, Map<String, String> env) {
        boolean modelNamed = o.model != null || blankToNull(env.get("BROOK_MODEL")) != null;
        if (o.model == null) {
            String fromEnv = blankToNull(env.get("BROOK_MODEL"));
            o.model = fromEnv != null ? fromEnv : DEFAULT_MODEL;
        }
        MessageRequest.Builder request = MessageRequest.builder()
                .model(o.model)
                .maxTokens(o.maxTokens != null ? o.maxTokens
                        : o.thinking != null ? (int) Math.min(Integer.MAX_VALUE, (long) o.thinking + DEFAULT_MAX_TOKENS)
                        : DEFAULT_MAX_TOKENS)
                .addUserMessage(o.prompt);
        if (o.system != null) {
            request.system(o.system);
        }
        if (o.thinking != null) {
            request.thinking(ThinkingConfig.enabled(o.thinking));
        }
        Brook.Builder client = Brook.builder();
        CallStats stats = new CallStats();
        if (o.stats) {
            client.addCallListener(stats);
        }
        String transport = o.transport != null ? o.transport : blankToNull(env.get("BROOK_TRANSPORT"));
        if (transport != null) {
            client.transport(transport);
        }
        if (o.backend != null) {
            return cloud(o.backend, o, modelNamed, client, request, out, err, env, stats);
        }
        String apiKey = blankToNull(env.get("ANTHROPIC_API_KEY"));
        String authToken = blankToNull(env.get("ANTHROPIC_AUTH_TOKEN"));
        if (apiKey == null && authToken == null) {
            try (FakeMessagesServer server = new FakeMessagesServer().start()) {
                server.enqueue(ReplayScript.response(o.model, o.thinking != null, o.prompt.split("\\s+").length + 8));
                // The key only satisfies the builder: the embedded server checks nothing.
                try (Brook brook = client.apiKey("replay-mode").baseUrl(server.baseUri().toString()).build()) {
                    line(err, REPLAY_NOTICE + ", transport " + brook.transportName() + ")");
                    return stream(brook, request.build(), o, out, err, stats);
                }
            }
        }
        if (apiKey != null) {
            client.apiKey(apiKey);
        } else {
            client.authToken(authToken);
        }
        String baseUrl = blankToNull(env.get("ANTHROPIC_BASE_URL"));
        if (baseUrl != null) {
            client.baseUrl(baseUrl);
        }
        try (Brook brook = client.build()) {
            return stream(brook, request.build(), o, out, err, stats);
        }
    }

    /**
     * Streams through a cloud backend: configured from the environment when its variables are set, else
     * replayed from an embedded fake of that cloud, which checks each request as the cloud would.
     */
    private int cloud(CloudBackend cloud, Options o, boolean modelNamed, Brook.Builder client,
            MessageRequest.Builder request, PrintStream out, PrintStream err, Map<String, String> env, CallStats stats) {
        if (!cloud.configured(env)) {
            try (FakeMessagesServer server = new FakeMessagesServer().start()) {
                server.enqueue(cloud.reply(ReplayScript.events(o.model, o.thinking != null,
                        o.prompt.split("\\s+").length + 8)));
                try (Brook brook = client.backend(cloud.replay(server)).build()) {
                    line(err, "brook: " + cloud.configuredBy() + " not set; replaying a scripted reply from an embedded "
                            + cloud.cliName() + " fake (replay mode, transport " + brook.transportName() + ")");
                    return stream(brook, request.build(), o, out, err, stats);
                }
            }
        }
        if (cloud.needsModelId() && !modelNamed) {
            line(err, "brook: " + cloud.cliName() + " names models by its own ids: pass --model (or BROOK_MODEL), such as "
                    + "anthropic.claude-sonnet-4-5-20250929-v1:0 or an inference profile id (see brook --help)");
            return USAGE;
        }
        try (Brook brook = client.backend(cloud.live(env)).build()) {
            return stream(brook, request.build(), o, out, err, stats);
        }
    }

    /** Streams the reply; with {@code --stats}, the stats line follows it on stderr, also after an error. */
    private int stream(Brook brook, MessageRequest request, Options o, PrintStream out, PrintStream err,
            CallStats stats) {
        try {
            return stream(brook, request, o, out, err);
        } finally {
            if (o.stats) {
                line(err, stats.line());
            }
        }
    }

    private int stream(Brook brook, MessageRequest request, Options o, PrintStream out, PrintStream err) {
        try (MessageStream stream = brook.messages().stream(request)) {
            if (o.json) {
                try {
                    out.print(stream.finalMessage().toJson() + "\n");
                } catch (BrookException e) {
                    e.snapshot().ifPresent(m -> out.print(m.toJson() + "\n"));
                    throw e;
                }
                return OK;
            }
            if (o.events) {
                for (StreamEvent event : stream) {
                    out.print(EventJson.typed(event) + "\n");
                    out.flush();
                }
                return OK;
            }
            TextPrinter printer = new TextPrinter(out);
            try {
                for (StreamEvent event : stream) {
                    printer.accept(event);
                }
            } finally {
                printer.finish();
            }
            stream.snapshot().flatMap(Message::stopReason).ifPresent(reason -> {
                if (reason.equals(StopReason.MAX_TOKENS)) {
                    line(err, "brook: the reply stopped at max_tokens (" + request.maxTokens() + "); raise --max-tokens");
                }
            });
            return OK;
        }
    }

    /** Prints thinking and text deltas as they arrive, flushing each. */
    private final class TextPrinter implements Consumer<StreamEvent> {
        private final PrintStream out;
        private boolean inThinking;
        private boolean printed;
        private boolean atLineStart = true;

        TextPrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void accept(StreamEvent event) {
            if (event instanceof ContentBlockStartEvent start && start.contentBlock() instanceof ThinkingBlock) {
                inThinking = true;
                if (ansi) {
                    out.print(DIM);
                }
            } else if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.TextDelta t) {
                print(t.text());
            } else if (event instanceof ContentBlockDeltaEvent d && d.delta() instanceof Delta.ThinkingDelta t) {
                print(t.thinking());
            } else if (event instanceof ContentBlockStopEvent && inThinking) {
                endThinking();
                print(atLineStart ? "\n" : "\n\n"); // a blank line between the thinking and the reply
            }
        }

        private void print(String s) {
            if (!s.isEmpty()) {
                out.print(s);
                out.flush();
                printed = true;
                atLineStart = s.endsWith("\n");
            }
        }

        private void endThinking() {
            if (inThinking && ansi) {
                out.print(RESET);
            }
            inThinking = false;
        }

        /** Leaves the terminal unstyled and at the start of a line, also after an error. */
        void finish() {
            endThinking();
            if (printed && !atLineStart) {
                out.print("\n");
            }
            out.flush();
        }
    }

    // ---- brook decode ----

    private int decode(Options o, InputStream stdin, PrintStream out, PrintStream err) {
        InputStream in;
        String source = o.file == null || o.file.equals("-") ? "-" : o.file;
        if (source.equals("-")) {
            in = stdin;
        } else {
            try {
                in = Files.newInputStream(Path.of(source));
            } catch (NoSuchFileException e) {
                line(err, "brook: no such file: " + source);
                return USAGE;
            } catch (IOException | RuntimeException e) {
                line(err, "brook: cannot read " + source + ": " + e);
                return USAGE;
            }
        }
        try (in) {
            if (o.sse) {
                SseDecoder decoder = new SseDecoder(event -> {
                    out.print(EventJson.sse(event) + "\n");
                    out.flush();
                });
                pump(in, decoder::feed);
                decoder.end();
                return OK;
            }
            MessageStreamDecoder decoder = new MessageStreamDecoder(o.fin ? event -> { } : event -> {
                out.print(EventJson.typed(event) + "\n");
                out.flush();
            });
            try {
                pump(in, decoder::feed);
                Message message = decoder.end();
                if (o.fin) {
                    out.print(message.toJson() + "\n");
                }
                return OK;
            } catch (BrookException e) {
                if (o.fin) {
                    e.snapshot().ifPresent(m -> out.print(m.toJson() + "\n"));
                }
                throw e;
            }
        } catch (IOException e) {
            out.flush();
            line(err, "brook: cannot read " + (source.equals("-") ? "stdin" : source) + ": " + e.getMessage());
            trace(err, e);
            return FAILURE;
        }
    }

    /** The feed half of a decoder. */
    @FunctionalInterface
    private interface Feed {
        void feed(byte[] bytes, int offset, int length);
    }

    private static void pump(InputStream in, Feed feed) throws IOException {
        byte[] buffer = new byte[READ_BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            feed.feed(buffer, 0, n);
        }
    }

    // ---- errors ----

    /** One line on stderr naming the error (and the trace with --debug); returns the exit code. */
    private int report(RuntimeException e, PrintStream err) {
        int code;
        String what;
        if (e instanceof ApiException) {
            code = API_ERROR;
            what = "API error: ";
        } else if (e instanceof StreamErrorException) {
            code = STREAM_ERROR;
            what = "stream error: ";
        } else if (e instanceof IncompleteStreamException) {
            code = INCOMPLETE;
            what = "incomplete stream: ";
        } else if (e instanceof StreamProtocolException) {
            code = PROTOCOL;
            what = "protocol error: ";
        } else if (e instanceof StreamTimeoutException) {
            code = CONNECTION;
            what = "timeout: ";
        } else if (e instanceof ConnectionException) {
            code = CONNECTION;
            what = "connection failed: ";
        } else if (e instanceof NoTransportException) {
            code = USAGE; // the user named a transport this build does not hold
            what = "";
        } else if (e instanceof BrookException) {
            code = FAILURE;
            what = "error: ";
        } else {
            code = FAILURE;
            what = "internal error: " + e.getClass().getName() + ": ";
        }
        line(err, "brook: " + what + e.getMessage());
        trace(err, e);
        return code;
    }

    private void trace(PrintStream err, Throwable e) {
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(redact(trace.toString()));
            err.flush();
        }
    }

    /** Prints {@code message} as one line, with any credential from the environment blanked out. */
    private void line(PrintStream err, String message) {
        err.print(redact(String.valueOf(message)).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip() + "\n");
        err.flush();
    }

    private String redact(String s) {
        String r = s;
        for (String secret : secrets) {
            r = r.replace(secret, "[redacted]");
        }
        return r;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ---- command line ----

    /** A bad command line; the message is the line printed. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super("brook: " + message);
        }
    }

    /** The parsed command line. */
    static final class Options {
        boolean help;
        boolean version;
        boolean debug;
        boolean decode;
        // chat
        String prompt;
        String transport;
        CloudBackend backend;
        String model;
        Integer maxTokens;
        String system;
        Integer thinking;
        boolean events;
        boolean json;
        boolean stats;
        // decode
        boolean sse;
        boolean fin;
        String file;

        static Options parse(String[] args) throws UsageException {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            Set<String> used = new HashSet<>();
            boolean onlyPositional = false;
            boolean firstPositionalQuoted = false; // after "--": "decode" is then a prompt word
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (onlyPositional || !a.startsWith("-") || a.equals("-")) {
                    if (positional.isEmpty()) {
                        firstPositionalQuoted = onlyPositional;
                    }
                    positional.add(a);
                    continue;
                }
                if (a.equals("--")) {
                    onlyPositional = true;
                    continue;
                }
                String name = a;
                String value = null;
                int eq = a.indexOf('=');
                if (a.startsWith("--") && eq > 2) {
                    name = a.substring(0, eq);
                    value = a.substring(eq + 1);
                }
                switch (name) {
                    case "-h", "--help" -> o.help = true;
                    case "--version" -> o.version = true;
                    case "--debug" -> o.debug = true;
                    case "--events" -> o.events = true;
                    case "--json" -> o.json = true;
                    case "--stats" -> o.stats = true;
                    case "--sse" -> o.sse = true;
                    case "--final" -> o.fin = true;
                    case "--transport", "--backend", "--model", "--max-tokens", "--system", "--thinking" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new UsageException("option " + name + " needs a value");
                            }
                            value = args[++i];
                        }
                        switch (name) {
                            case "--transport" -> o.transport = nonBlank(name, value);
                            case "--backend" -> o.backend = CloudBackend.named(nonBlank(name, value));
                            case "--model" -> o.model = nonBlank(name, value);
                            case "--max-tokens" -> o.maxTokens = positiveInt(name, value);
                            case "--system" -> o.system = value;
                            default -> o.thinking = positiveInt(name, value);
                        }
                    }
                    default -> throw new UsageException("unknown option " + a);
                }
                if (value != null && isFlag(name)) {
                    throw new UsageException("option " + name + " takes no value");
                }
                used.add(name);
            }
            if (o.help || o.version) {
                return o;
            }
            o.decode = !positional.isEmpty() && positional.get(0).equals("decode") && !firstPositionalQuoted;
            if (o.decode) {
                for (String name : used) {
                    if (CHAT_ONLY.contains(name)) {
                        throw new UsageException("option " + name + " does not apply to decode");
                    }
                }
                if (o.sse && o.fin) {
                    throw new UsageException("choose one of --sse and --final");
                }
                if (positional.size() > 2) {
                    throw new UsageException("decode takes one FILE (or - for stdin), got " + (positional.size() - 1)
                            + ": " + String.join(" ", positional.subList(1, positional.size())));
                }
                o.file = positional.size() == 2 ? positional.get(1) : null;
                return o;
            }
            for (String name : used) {
                if (DECODE_ONLY.contains(name)) {
                    throw new UsageException("option " + name + " applies only to decode");
                }
            }
            if (o.events && o.json) {
                throw new UsageException("choose one of --events and --json");
            }
            o.prompt = String.join(" ", positional).strip();
            if (o.prompt.isEmpty()) {
                throw new UsageException("no prompt given; try: brook \"Tell me a story\"");
            }
            return o;
        }

        private static boolean isFlag(String name) {
            return !Set.of("--transport", "--backend", "--model", "--max-tokens", "--system", "--thinking").contains(name);
        }

        private static String nonBlank(String name, String value) throws UsageException {
            if (value.isBlank()) {
                throw new UsageException("option " + name + " needs a value");
            }
            return value.trim();
        }

        private static int positiveInt(String name, String value) throws UsageException {
            try {
                int n = Integer.parseInt(value.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException("option " + name + " needs a positive whole number, got '" + value + "'");
        }
    }
}
