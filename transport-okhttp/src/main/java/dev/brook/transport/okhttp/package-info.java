/**
 * A Brook transport over OkHttp 5: {@link dev.brook.transport.okhttp.OkHttpTransport}, registered for
 * {@link java.util.ServiceLoader} as {@code okhttp} by {@link dev.brook.transport.okhttp.OkHttpTransportProvider}.
 * All types are non-null by default.
 */
package dev.brook.transport.okhttp;
