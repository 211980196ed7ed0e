package dev.brook.core.event;

/** Placeholder until the event model lands (being written on the events branch). */
public final class Message {
}
