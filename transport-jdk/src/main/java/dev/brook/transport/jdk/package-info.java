/**
 * Brook's transport over the JDK's {@code java.net.http} client, with no dependency beyond the JDK:
 * {@link dev.brook.transport.jdk.JdkTransport}, registered for {@link java.util.ServiceLoader} as
 * {@code jdk} by {@link dev.brook.transport.jdk.JdkTransportProvider}, the default when no other
 * transport is on the class path. Only moves bytes: no SSE, JSON or retry logic lives here. All types are
 * non-null by default.
 */
package dev.brook.transport.jdk;
