// An application of Brook's users, as small as it gets: it requires the JDK transport and nothing else.
module brook.consumer {
    requires brook.transport.jdk;
}
