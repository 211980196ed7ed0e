// An application that requires the OkHttp transport and nothing else, and looks up the transports itself.
module brook.consumer.okhttp {
    requires brook.transport.okhttp;

    uses dev.brook.core.transport.TransportProvider;
}
