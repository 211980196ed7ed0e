package dev.brook.tck;

import dev.brook.core.backend.Backend;
import dev.brook.foundry.FoundryBackend;
import dev.brook.testkit.FoundryRequestCheck;
import dev.brook.testkit.RequestCheck;
import dev.brook.testkit.ScriptedResponse;
import java.net.URI;
import java.util.Optional;

/**
 * Microsoft Foundry as the kit tests it: the resource's Anthropic endpoint under {@code /anthropic},
 * its {@code api-key} header checked by the fake; an Entra ID token that the endpoint no longer accepts
 * stands for expired credentials. Replies and errors are the Messages API's own.
 */
final class FoundryKitBackend implements KitBackend {
    private static final String API_KEY = "tck-foundry-api-key";
    private static final String ENTRA_TOKEN = "tck-entra-token";

    private final RequestCheck check = FoundryRequestCheck.builder()
            .acceptApiKey(API_KEY).acceptBearerToken(ENTRA_TOKEN).build();

    @Override
    public String name() {
        return "foundry";
    }

    @Override
    public Backend newBackend(URI baseUrl) {
        return FoundryBackend.builder().baseUrl(baseUrl + "/anthropic").apiKey(API_KEY).build();
    }

    @Override
    public Optional<Backend> newBackendWithExpiredCredentials(URI baseUrl) {
        return Optional.of(FoundryBackend.builder().baseUrl(baseUrl + "/anthropic")
                .tokenSupplier(() -> "tck-expired-entra-token").build());
    }

    @Override
    public Optional<RequestCheck> check() {
        return Optional.of(check);
    }

    @Override
    public ScriptedResponse stream(byte[] sse, int chunkSize) {
        return KitBackend.direct().stream(sse, chunkSize);
    }

    @Override
    public ScriptedResponse error(int status, String message) {
        return KitBackend.direct().error(status, message);
    }

    @Override
    public String toString() {
        return name();
    }
}
