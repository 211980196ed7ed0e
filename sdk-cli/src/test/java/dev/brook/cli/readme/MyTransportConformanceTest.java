package dev.brook.cli.readme;

import static dev.brook.cli.readme.MyTransport.myConfiguredClient;

import dev.brook.core.transport.Transport;
import dev.brook.tck.BrookConformanceKit;

// The README's conformance kit example, compiled. sdk-cli's surefire configuration leaves this package out:
// the kit already runs on the jdk transport with a user's client in sdk-tests (JdkUserClientConformanceTest).
class MyTransportConformanceTest extends BrookConformanceKit {
    @Override
    public Transport newTransport() {
        return MyTransport.of(myConfiguredClient);
    }
}
