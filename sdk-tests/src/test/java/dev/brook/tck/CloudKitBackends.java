package dev.brook.tck;

import java.util.List;

/** The backends the in-repo transports are run against: the direct API and each cloud's, with its fake. */
final class CloudKitBackends {
    private CloudKitBackends() {
    }

    static List<KitBackend> all() {
        return List.of(KitBackend.direct(), new BedrockKitBackend(), new VertexKitBackend(), new FoundryKitBackend());
    }
}
