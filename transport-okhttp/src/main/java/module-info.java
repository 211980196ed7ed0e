/**
 * Brook's transport over OkHttp 5, registered as the {@code okhttp} transport: requiring this module lets
 * Brook find it, and {@link dev.brook.transport.okhttp.OkHttpTransport#of(okhttp3.OkHttpClient)} streams
 * over a client the application configures.
 */
module brook.transport.okhttp {
    requires transitive brook.core;
    // OkHttpClient is in the public API. okhttp3 requires okio and kotlin.stdlib transitively, which
    // gives this module the okio types its request body writes to (BufferedSink).
    requires transitive okhttp3;

    exports dev.brook.transport.okhttp;

    provides dev.brook.core.transport.TransportProvider with dev.brook.transport.okhttp.OkHttpTransportProvider;
}
