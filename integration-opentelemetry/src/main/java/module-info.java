/**
 * OpenTelemetry tracing for Brook: {@link dev.brook.opentelemetry.OpenTelemetryCallListener} makes a span
 * per Messages call with the GenAI semantic conventions, sends the W3C trace context to the server, and
 * makes the caller's context current in async callbacks on every transport.
 */
// The OpenTelemetry jars are automatic modules (they name themselves in their manifests); they are required
// transitively because OpenTelemetry is in this module's API (create takes an OpenTelemetry).
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module brook.opentelemetry {
    requires transitive brook.core;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;

    exports dev.brook.opentelemetry;
}
