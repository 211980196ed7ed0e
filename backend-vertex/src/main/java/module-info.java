/**
 * Claude on Google Vertex AI through Brook: {@link dev.brook.vertex.VertexBackend} sends Messages calls to
 * {@code streamRawPredict} and {@code rawPredict} with a Google OAuth 2.0 access token.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // knowingly: see below
module brook.vertex {
    requires transitive brook.core;
    // GoogleCredentials is in the public API (VertexBackend.Builder#credentials), so both Google auth
    // modules are passed on. They are automatic modules (the jars name themselves in their manifests,
    // Automatic-Module-Name com.google.auth and com.google.auth.oauth2; Google ships no descriptor):
    // requiring them by those stable names is the only way to use them from a named module.
    requires transitive com.google.auth;
    requires transitive com.google.auth.oauth2;

    exports dev.brook.vertex;
}
