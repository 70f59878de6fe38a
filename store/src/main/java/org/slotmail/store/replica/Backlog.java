package org.slotmail.store.replica;

/**
 * How far behind a channel is: entries queued and the age of the oldest, in milliseconds (0 when
 * empty). Read from the first and last entry only, so {@code entries} is the span of their
 * sequence numbers: exact, since entries are numbered without gaps and acknowledged from the front.
 */
public record Backlog(String channel, long entries, long oldestAgeMillis) {}
