/**
 * The Google Vertex AI backend of Brook: {@link dev.brook.vertex.VertexBackend}, set on a client with
 * {@code Brook.builder().backend(VertexBackend.builder().fromEnv().build())}.
 *
 * <p>Streams go to {@code :streamRawPredict}, {@code create} to {@code :rawPredict} and
 * {@code countTokens} to {@code count-tokens:rawPredict}, authenticated with an access token from Google
 * credentials (application default credentials unless given). Message Batches and Models are not served
 * by Vertex AI's Claude endpoints. All types are non-null by default; absence is
 * {@link java.util.Optional}.
 */
package dev.brook.vertex;
