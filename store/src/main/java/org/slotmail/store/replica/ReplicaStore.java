package org.slotmail.store.replica;

import java.util.List;

/**
 * A slot's own store as replication sees it: a {@link MailReplica} plus its channel queues. On a
 * master the sync client reads states, changes, bytes and its channel queue; on a replica the
 * sync server answers the same reads and applies {@link ReplicaUpdate}s.
 */
public interface ReplicaStore extends MailReplica {
    // --- the channel queues (master side) ---

    /** Up to {@code max} oldest entries of a channel's queue, in order. */
    List<QueuedChange> pending(String channel, int max);

    /** Removes every entry of the channel up to and including {@code seq}: the replica confirmed them. */
    void acknowledge(String channel, long seq);

    Backlog backlog(String channel);

    /** Sets a change aside on a channel (durably), replacing an earlier parking of the same change. */
    void park(String channel, ParkedChange parked);

    /** The changes set aside on a channel. */
    List<ParkedChange> parked(String channel);

    /** Takes a change off the set-aside list (it replicated, or it is queued again). */
    void unpark(String channel, org.slotmail.store.record.ChangeEntry change);

    /**
     * Calls {@code wake} (quickly, on the commit thread) after every commit that queued entries,
     * before that commit's writers are answered. Close the handle to stop.
     */
    AutoCloseable onQueued(Runnable wake);
}
