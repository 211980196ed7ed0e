/**
 * Micrometer meters and observations for Brook's Messages calls, named after the OpenTelemetry GenAI
 * semantic conventions: install {@link dev.brook.micrometer.MicrometerCallListener} with
 * {@code Brook.builder().addCallListener(...)}.
 *
 * <p>Micrometer ships automatic modules ({@code micrometer.core}, {@code micrometer.observation}): their
 * names come from the {@code Automatic-Module-Name} of their manifests, which Micrometer keeps stable.
 */
// MeterRegistry and ObservationRegistry are in the API, so these automatic modules are required transitively.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module brook.micrometer {
    requires transitive brook.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;

    exports dev.brook.micrometer;
}
