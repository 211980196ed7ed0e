/**
 * Brook's transport over Apache HttpClient 5: {@link dev.brook.transport.apache.ApacheTransport} wraps a
 * user's classic or async client, and {@link dev.brook.transport.apache.ApacheTransportProvider} lets
 * discovery create one. Only moves bytes: no SSE, JSON or retry logic lives here.
 */
package dev.brook.transport.apache;
