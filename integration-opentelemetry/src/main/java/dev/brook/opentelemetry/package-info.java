/**
 * OpenTelemetry spans for Brook's Messages calls: {@link dev.brook.opentelemetry.OpenTelemetryCallListener},
 * a {@link dev.brook.core.client.CallListener.Factory} to install with
 * {@code Brook.builder().addCallListener(...)}. All types are non-null by default.
 */
package dev.brook.opentelemetry;
