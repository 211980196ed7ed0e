package dev.brook.core.client;

import dev.brook.core.backend.AnthropicBackend;
import dev.brook.core.backend.Backend;
import dev.brook.core.backend.BaseUrls;
import dev.brook.core.error.NoTransportException;
import dev.brook.core.internal.DefaultScheduler;
import dev.brook.core.internal.TransportSelector;
import dev.brook.core.sse.SseDecoder;
import dev.brook.core.transport.Transport;
import dev.brook.core.transport.TransportConfig;
import dev.brook.core.transport.TransportProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Brook client: streams the Anthropic Messages API over a pluggable HTTP transport.
 *
 * <pre>{@code
 * try (Brook brook = Brook.fromEnv();
 *      MessageStream stream = brook.messages().stream(request)) {
 *     stream.textStream().forEach(System.out::print);
 * }
 * }</pre>
 *
 * <p>A client is immutable and thread-safe: share one across threads and streams. {@link #close()}
 * releases the transport when Brook created it; a transport passed to
 * {@link Builder#transport(Transport)} stays open. Derive a variant with {@link #newBuilder()}.
 */
public final class Brook implements AutoCloseable {
    /** The Brook version, sent in the {@code user-agent}. */
    public static final String VERSION = readVersion();
    /** The {@code anthropic-version} header Brook sends. */
    public static final String API_VERSION = "2023-06-01";
    /** Where requests go unless {@link Builder#baseUrl} or {@code ANTHROPIC_BASE_URL} says otherwise. */
    public static final URI DEFAULT_BASE_URL = AnthropicBackend.DEFAULT_BASE_URL;

    private final Backend backend;
    /** The direct-API settings the backend was built from, for {@link #newBuilder()}; null for a given backend. */
    private final String apiKey;
    private final String authToken;
    private final URI baseUrl;
    private final List<String> betas;
    private final TransportConfig transportConfig;
    private final Duration totalTimeout;
    private final int maxRetries;
    private final int maxEventSize;
    private final Transport transport;
    private final boolean ownsTransport;
    private final Executor callbackExecutor;
    private final List<CallListener.Factory> callListeners;
    private final Executor blockingExecutor;
    private final ExecutorService ownedBlockingExecutor;
    private final ScheduledExecutorService scheduler;
    private final Messages messages;
    private final Models models;

    private Brook(Builder b, Backend backend, Transport transport, boolean ownsTransport) {
        this.backend = backend;
        boolean direct = b.backend == null;
        this.apiKey = direct ? b.apiKey : null;
        this.authToken = direct ? b.authToken : null;
        this.baseUrl = direct ? b.baseUrl : null;
        this.betas = List.copyOf(b.betas);
        this.transportConfig = b.transportConfig.build();
        this.totalTimeout = b.totalTimeout;
        this.maxRetries = b.maxRetries;
        this.maxEventSize = b.maxEventSize;
        this.transport = transport;
        this.ownsTransport = ownsTransport;
        this.callbackExecutor = b.callbackExecutor;
        this.callListeners = List.copyOf(b.callListeners);
        if (b.blockingExecutor != null) {
            this.blockingExecutor = b.blockingExecutor;
            this.ownedBlockingExecutor = null;
        } else {
            AtomicInteger count = new AtomicInteger();
            this.ownedBlockingExecutor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "brook-blocking-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            this.blockingExecutor = ownedBlockingExecutor;
        }
        this.scheduler = b.scheduler != null ? b.scheduler : DefaultScheduler.get();
        this.messages = new Messages(this);
        this.models = new Models(messages);
    }

    /**
     * A builder with the defaults and no credentials. Not thread-safe.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A client configured from the environment: {@code ANTHROPIC_API_KEY} or {@code ANTHROPIC_AUTH_TOKEN},
     * and {@code ANTHROPIC_BASE_URL} when set.
     *
     * @return a new client, with a discovered transport that it owns
     * @throws IllegalStateException if neither credential variable is set
     * @throws NoTransportException if no transport is on the class path
     */
    public static Brook fromEnv() {
        return builder().fromEnv().build();
    }

    /**
     * A builder holding this client's settings and sharing its transport (which the variant never closes).
     *
     * @return a new builder, independent of this client
     */
    public Builder newBuilder() {
        Builder b = new Builder();
        if (baseUrl != null) {
            b.apiKey = apiKey;
            b.authToken = authToken;
            b.baseUrl = baseUrl;
        } else {
            b.backend = backend;
        }
        b.betas.addAll(betas);
        b.transportConfig.connectTimeout(transportConfig.connectTimeout()).idleTimeout(transportConfig.idleTimeout());
        b.totalTimeout = totalTimeout;
        b.maxRetries = maxRetries;
        b.maxEventSize = maxEventSize;
        b.transport = transport;
        b.callbackExecutor = callbackExecutor;
        b.callListeners.addAll(callListeners);
        b.blockingExecutor = ownedBlockingExecutor == null ? blockingExecutor : null;
        b.scheduler = scheduler == DefaultScheduler.get() ? null : scheduler;
        return b;
    }

    /** {@return the Messages API: {@code stream}, {@code create}, {@code countTokens} and {@code batches()}} */
    public Messages messages() {
        return messages;
    }

    /** {@return the Models API: {@code list} and {@code retrieve}} */
    public Models models() {
        return models;
    }

    /** {@return the name of the transport in use, such as {@code jdk}} */
    public String transportName() {
        return transport.name();
    }

    /** {@return where and how this client's calls go: the direct API unless {@link Builder#backend} said otherwise} */
    public Backend backend() {
        return backend;
    }

    List<String> betas() {
        return betas;
    }

    Duration connectTimeout() {
        return transportConfig.connectTimeout();
    }

    Duration idleTimeout() {
        return transportConfig.idleTimeout();
    }

    Duration totalTimeout() {
        return totalTimeout;
    }

    int maxRetries() {
        return maxRetries;
    }

    int maxEventSize() {
        return maxEventSize;
    }

    Transport transport() {
        return transport;
    }

    Executor callbackExecutor() {
        return callbackExecutor;
    }

    /** The listener factories, in the order added; empty when none is installed. */
    List<CallListener.Factory> callListeners() {
        return callListeners;
    }

    Executor blockingExecutor() {
        return blockingExecutor;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Closes the transport if Brook created it. Streams still open may fail afterwards. Idempotent. */
    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
        if (ownedBlockingExecutor != null) {
            ownedBlockingExecutor.shutdown();
        }
    }

    /** Settings without credentials. */
    @Override
    public String toString() {
        return "Brook{backend=" + backend + ", transport=" + transport.name() + '}';
    }

    // The version is the Maven project version, which the build writes into this resource (sdk-core/pom.xml
    // filters it), so that the user-agent and `brook --version` cannot drift from the artifact's version.
    // A jar without it is broken: fail at class initialisation, saying why, rather than send a made-up version.
    private static String readVersion() {
        String resource = "/dev/brook/core/version.properties";
        Properties properties = new Properties();
        try (InputStream in = Brook.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Brook cannot tell its version: " + resource
                        + " is missing from the class path (brook-core is built with it; is this jar complete?)");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Brook cannot tell its version: reading " + resource + " failed", e);
        }
        String version = properties.getProperty("version", "").strip();
        if (version.isEmpty() || version.contains("${")) {
            throw new IllegalStateException("Brook cannot tell its version: " + resource
                    + " holds no version written by the build (version=" + version + ")");
        }
        return version;
    }

    /** Configures a {@link Brook}. Not thread-safe; each {@link #build()} gives an independent client. */
    public static final class Builder {
        private String apiKey;
        private String authToken;
        private URI baseUrl = DEFAULT_BASE_URL;
        private boolean directSettingsGiven;
        private Backend backend;
        private final List<String> betas = new ArrayList<>();
        /** Connect and idle timeouts: validated once, where transports read them. */
        private final TransportConfig.Builder transportConfig = TransportConfig.builder();
        private Duration totalTimeout = Duration.ZERO;
        private int maxRetries = 2;
        private int maxEventSize = SseDecoder.DEFAULT_MAX_EVENT_SIZE;
        private Transport transport;
        private String transportName;
        private Executor callbackExecutor;
        private final List<CallListener.Factory> callListeners = new ArrayList<>();
        private Executor blockingExecutor;
        private ScheduledExecutorService scheduler;

        private Builder() {
        }

        /**
         * Sent as {@code x-api-key}. Required unless {@link #authToken} is set.
         *
         * @param apiKey the API key
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = requireNonBlank(apiKey, "apiKey");
            directSettingsGiven = true;
            return this;
        }

        /**
         * Sent as {@code Authorization: Bearer ...} instead of an API key.
         *
         * @param authToken the bearer token
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder authToken(String authToken) {
            this.authToken = requireNonBlank(authToken, "authToken");
            directSettingsGiven = true;
            return this;
        }

        /**
         * Where requests go; {@code /v1/messages} is appended. Default {@code https://api.anthropic.com}.
         *
         * @param baseUrl the API's base URL; a trailing {@code /} is dropped
         * @return this builder
         * @throws IllegalArgumentException if not an absolute http or https URI
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = BaseUrls.parse(baseUrl, "baseUrl");
            directSettingsGiven = true;
            return this;
        }

        /**
         * Sends every call through {@code backend} instead of the direct API: Claude on Amazon Bedrock
         * ({@code brook-bedrock}), Google Vertex AI ({@code brook-vertex}) or Microsoft Foundry
         * ({@code brook-foundry}), each configured with its own credentials and base URL. Events, errors,
         * retries and timeouts behave the same behind every backend. Cannot be combined with
         * {@link #apiKey}, {@link #authToken} or {@link #baseUrl}, which configure the direct API (the
         * variables {@link #fromEnv()} reads are then ignored).
         *
         * @param backend where and how calls go
         * @return this builder
         */
        public Builder backend(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            return this;
        }

        /**
         * Adds a beta to the {@code anthropic-beta} header (joined with commas).
         *
         * @param beta the beta's name
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder addBeta(String beta) {
            betas.add(requireNonBlank(beta, "beta"));
            return this;
        }

        /**
         * Uses this transport, for example one built around your own configured HTTP client. Brook never
         * closes it. Overrides discovery and {@link #transport(String)}.
         *
         * @param transport the transport every call of the client uses
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Chooses a discovered transport by name ({@code jdk}, {@code okhttp}, {@code apache},
         * {@code vertx}) over the {@code brook.transport} property and {@code BROOK_TRANSPORT} variable.
         *
         * @param name the name of a transport on the class path
         * @return this builder
         */
        public Builder transport(String name) {
            this.transportName = requireNonBlank(name, "transport name");
            return this;
        }

        /**
         * Longest time to establish a connection (TCP and TLS), per attempt. Brook's clock enforces it on
         * every transport, including one around your own client (whose own connect timeout, if shorter,
         * fires first). Default 10 s.
         *
         * @param timeout the connect timeout, positive
         * @return this builder
         * @throws IllegalArgumentException if zero or negative
         */
        public Builder connectTimeout(Duration timeout) {
            transportConfig.connectTimeout(timeout);
            return this;
        }

        /**
         * Longest silence allowed while waiting for the response headers (from the moment the request is
         * sent) or between body bytes while a reader waits for them ({@code ping} events count as bytes).
         * Enforced by Brook's clock on every transport, including one around your own client. Default
         * 60 s; zero disables it. Per call: {@link RequestOptions.Builder#idleTimeout}.
         *
         * @param timeout the idle timeout, zero or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder idleTimeout(Duration timeout) {
            transportConfig.idleTimeout(timeout);
            return this;
        }

        /**
         * Longest life of one call, from its start (before connecting), across retries and their delays,
         * to its last event. Default: none (zero); long replies can take minutes, so set it only when a
         * hard deadline matters more than the reply. Per call: {@link RequestOptions.Builder#totalTimeout}.
         *
         * @param timeout the total timeout, zero (none) or positive
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder totalTimeout(Duration timeout) {
            this.totalTimeout = RequestOptions.Builder.nonNegative(timeout, "totalTimeout");
            return this;
        }

        /**
         * Retries of a request that failed before its first body byte (connection errors, 408, 409, 429,
         * 5xx, 529). Default 2; range 0 to 10.
         *
         * @param maxRetries how many times a call may be retried, 0 to 10
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = RequestOptions.Builder.checkMaxRetries(maxRetries);
            return this;
        }

        /**
         * Largest SSE event accepted, in bytes; a larger one ends the stream with a
         * {@code StreamProtocolException}. Default 16 MiB.
         *
         * @param bytes the maximum event size, at least 1
         * @return this builder
         * @throws IllegalArgumentException if less than 1
         */
        public Builder maxEventSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxEventSize must be positive: " + bytes);
            }
            this.maxEventSize = bytes;
            return this;
        }

        /**
         * Where {@link StreamListener} callbacks run. Default: none, so they run on the thread that
         * delivers the event (the transport's I/O thread). Name one to keep slow listeners off I/O
         * threads; callbacks of one stream still run one at a time, in order.
         *
         * @param executor runs the listener callbacks
         * @return this builder
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "callbackExecutor");
            return this;
        }

        /**
         * Reports the lifecycle of every Messages call (attempts, retries, headers and request id, first
         * event, first token, end with usage, failure) to a listener the factory makes per call: what
         * {@code brook-micrometer} and {@code brook-opentelemetry} install. Default: none, which costs
         * nothing. See {@link CallListener} for the order and threads of its callbacks.
         *
         * Several can be added (metrics and tracing, say): each gets every callback, in the order added,
         * and one that throws does not keep the others from theirs.
         *
         * @param factory makes the listener of each call
         * @return this builder
         */
        public Builder addCallListener(CallListener.Factory factory) {
            callListeners.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Where async streams wait on blocking stacks (OkHttp, Apache classic): one task per stream while
         * it reads. It also runs what follows a timeout (the abort of the exchange, an async stream's error
         * signal), so that the timer thread never runs transport or user code. Default: a cached pool of
         * daemon threads that the client creates and shuts down on {@link Brook#close()} (a variant from
         * {@link Brook#newBuilder()} creates its own). Natively asynchronous transports ({@code jdk},
         * {@code vertx}, Apache async) do not read on it.
         *
         * @param executor runs the blocking reads and the work after a timeout; Brook never shuts it down
         * @return this builder
         */
        public Builder blockingExecutor(Executor executor) {
            this.blockingExecutor = Objects.requireNonNull(executor, "blockingExecutor");
            return this;
        }

        /**
         * The timer behind every timeout of this client's calls. Default: one daemon thread shared by all
         * clients in the JVM. Brook runs no user code and no transport code on it: it only records that a
         * timeout fired and hands the abort to the blocking executor. Brook never shuts down a scheduler
         * it was given.
         *
         * @param scheduler the timer for this client's timeouts
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Applies {@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_AUTH_TOKEN} and {@code ANTHROPIC_BASE_URL}
         * where they are set.
         *
         * @return this builder
         */
        public Builder fromEnv() {
            return fromEnv(System.getenv());
        }

        Builder fromEnv(Map<String, String> env) {
            String key = env.get("ANTHROPIC_API_KEY");
            if (key != null && !key.isBlank()) {
                apiKey(key.trim());
            }
            String token = env.get("ANTHROPIC_AUTH_TOKEN");
            if (token != null && !token.isBlank()) {
                authToken(token.trim());
            }
            String url = env.get("ANTHROPIC_BASE_URL");
            if (url != null && !url.isBlank()) {
                baseUrl(url.trim());
            }
            return this;
        }

        /**
         * Builds the client, discovering a transport unless one was given.
         *
         * @return a new client; it owns the transport it discovered, not one it was given
         * @throws IllegalStateException if neither an API key nor an auth token was given
         * @throws NoTransportException if no transport was given and none can be discovered
         */
        public Brook build() {
            Backend chosen = backend;
            if (chosen == null) {
                AnthropicBackend.Builder direct = AnthropicBackend.builder().baseUrl(baseUrl.toString());
                if (apiKey != null) {
                    direct.apiKey(apiKey);
                } else if (authToken != null) {
                    direct.authToken(authToken);
                }
                chosen = direct.build(); // says which variable or setter is missing, if neither credential was given
            } else if (directSettingsGiven) {
                throw new IllegalStateException("apiKey, authToken and baseUrl configure the direct Anthropic API, "
                        + "but backend(" + backend.name() + ") was also set: configure credentials and the base URL "
                        + "on that backend's builder instead.");
            }
            if (transport != null) {
                return new Brook(this, chosen, transport, false);
            }
            List<TransportProvider> found = TransportSelector.discover(Brook.class.getClassLoader());
            TransportProvider provider = TransportSelector.select(found, transportName,
                    System.getProperty(TransportSelector.PROPERTY), System.getenv(TransportSelector.ENV));
            return new Brook(this, chosen, provider.create(transportConfig.build()), true);
        }

        private static String requireNonBlank(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}
