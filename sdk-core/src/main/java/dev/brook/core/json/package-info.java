/**
 * Brook's JSON plumbing: the shared Jackson factory and mapper ({@link dev.brook.core.json.Json}) and the
 * best-effort reader for cut-off JSON ({@link dev.brook.core.json.PartialJson}).
 */
package dev.brook.core.json;
