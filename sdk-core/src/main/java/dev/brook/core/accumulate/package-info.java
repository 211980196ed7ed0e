/**
 * Folding a stream into a message: {@link dev.brook.core.accumulate.MessageAccumulator} (the rules) and
 * {@link dev.brook.core.accumulate.MessageStreamDecoder} (bytes in, events and the final message out —
 * the pipeline every transport drives).
 */
package dev.brook.core.accumulate;
