/**
 * Brook's own JSON value: {@link dev.brook.core.json.JsonValue}, immutable and thread-safe, used wherever
 * the API carries JSON whose shape Brook does not fix (tool input, citations, fields a newer API added,
 * request extras). It maps to and from application types through Jackson, which stays inside Brook.
 */
package dev.brook.core.json;
