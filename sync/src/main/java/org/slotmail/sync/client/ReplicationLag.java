package org.slotmail.sync.client;

/**
 * Replication lag in milliseconds (from an entry's queueing on the master to the replica's
 * confirmation) over the channel's recent entries.
 *
 * @param last the most recently confirmed entry's; -1 before the first
 * @param confirmed entries confirmed since the client started
 */
public record ReplicationLag(long last, long p50, long p90, long p99, long max, long confirmed) {}
