/**
 * A real loopback HTTP/1.1 or HTTP/2 server that replays scripted responses, with faults, for testing Brook
 * transports and applications built on Brook.
 *
 * <p>{@link dev.brook.testkit.FakeMessagesServer} serves {@link dev.brook.testkit.ScriptedResponse}s
 * in order and records every request as a {@link dev.brook.testkit.RecordedRequest}. All types are
 * non-null by default; absence is {@link java.util.Optional}.
 */
package dev.brook.testkit;
