/**
 * Brook's core: the SSE decoder, the typed events and their accumulator, the request model and the
 * client, the errors, the transport SPI that transport modules implement, and the backend seam that
 * cloud modules (Bedrock, Vertex AI, Foundry) implement. The stream engine's
 * shared parts ({@code dev.brook.core.internal}) are not exported. Transports are found with
 * {@link java.util.ServiceLoader} as {@link dev.brook.core.transport.TransportProvider}s.
 */
module brook.core {
    // Jackson is the engine inside; no Jackson type is in the API, so it is not passed on to users.
    requires com.fasterxml.jackson.databind;

    exports dev.brook.core.accumulate;
    exports dev.brook.core.backend;
    exports dev.brook.core.client;
    exports dev.brook.core.error;
    exports dev.brook.core.event;
    exports dev.brook.core.request;
    exports dev.brook.core.json;
    exports dev.brook.core.sse;
    exports dev.brook.core.transport;

    uses dev.brook.core.transport.TransportProvider;
}
