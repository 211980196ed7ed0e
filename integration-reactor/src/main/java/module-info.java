/**
 * Reactor types for Brook streams: {@link dev.brook.reactor.BrookReactor} turns a Messages call into a
 * cold {@code Flux} of events or text, or a {@code Mono} of the final message, with the subscriber's
 * demand carried to the socket.
 */
// reactor-core is an automatic module (it names itself in its manifest); it is required transitively
// because Flux and Mono are in this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module brook.reactor {
    requires transitive brook.core;
    requires transitive reactor.core;
    requires org.reactivestreams;

    exports dev.brook.reactor;
}
