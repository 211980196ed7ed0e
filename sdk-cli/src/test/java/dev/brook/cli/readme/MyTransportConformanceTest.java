package dev.brook.cli.readme;

import static dev.brook.cli.readme.MyTransport.myConfiguredClient;

import dev.brook.core.transport.Transport;
import dev.brook.tck.BrookConformanceKit;
import dev.brook.tck.TransportCapability;
import java.util.EnumSet;
import java.util.Set;

// The README's conformance kit example, compiled. sdk-cli's surefire configuration leaves this package out:
// the kit already runs on the jdk transport with a user's client in sdk-tests (JdkUserClientConformanceTest).
class MyTransportConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return MyTransport.of(myConfiguredClient);
    }

    @Override
    public Set<TransportCapability> capabilities() {
        return EnumSet.of(TransportCapability.NATIVE_ASYNC); // or EnumSet.noneOf(TransportCapability.class)
    }
}
