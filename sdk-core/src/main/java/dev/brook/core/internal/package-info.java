/**
 * The stream engine's shared parts. Not an API: nothing here is meant for applications or transports,
 * and it may change in any release.
 */
package dev.brook.core.internal;
