/**
 * Metrics and observations of Brook's Messages calls on Micrometer: one
 * {@link dev.brook.micrometer.MicrometerCallListener}, installed on a {@code Brook} client with
 * {@code Brook.builder().addCallListener(listener)}, records the OpenTelemetry GenAI client metrics
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.time_to_first_chunk}), Brook's retries and open streams, and, given an
 * {@code ObservationRegistry}, one {@code Observation} per call for tracing. All types are non-null by
 * default.
 */
package dev.brook.micrometer;
