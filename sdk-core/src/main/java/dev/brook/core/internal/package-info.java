/**
 * The stream engine: the call clock and retries, the async stream driver and the listener bridge, the
 * InputStream and Publisher bridges, transport selection, the event parser and the shared Jackson
 * mapper. Not an API: the module does not export this package, nothing here is meant for applications
 * or transports, and it may change in any release.
 */
package dev.brook.core.internal;
