/**
 * Brook's testkit: a scripted loopback Messages API server, with faults, recorded requests and TLS, for
 * testing Brook transports and the applications built on Brook.
 */
module brook.testkit {
    exports dev.brook.testkit;
}
