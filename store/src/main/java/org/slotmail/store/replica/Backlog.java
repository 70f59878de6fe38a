package org.slotmail.store.replica;

/** How far behind a channel is: entries queued and the age of the oldest, in milliseconds (0 when empty). */
public record Backlog(String channel, long entries, long oldestAgeMillis) {}
