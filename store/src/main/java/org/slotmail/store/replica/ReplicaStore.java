package org.slotmail.store.replica;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.record.ChangeEntry;

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

    /** The channels this store queues every change for, in the configuration's order. */
    List<String> channels();

    /**
     * Everything this store queued or set aside on its channels and no replica confirmed: on a
     * replica, the writes it took as a master that its new master may lack.
     */
    default Unshipped unshipped() {
        var mailboxes = new HashSet<MailboxId>();
        var accounts = new HashSet<Long>();
        var through = new HashMap<String, Long>();
        var parked = new HashMap<String, List<ChangeEntry>>();
        for (String channel : channels()) {
            List<QueuedChange> queued = pending(channel, Integer.MAX_VALUE);
            if (!queued.isEmpty()) through.put(channel, queued.getLast().seq());
            var set = new ArrayList<ChangeEntry>();
            for (ParkedChange p : parked(channel)) set.add(p.change());
            if (!set.isEmpty()) parked.put(channel, set);
            var entries = new ArrayList<ChangeEntry>(set);
            queued.forEach(q -> entries.add(q.change()));
            for (ChangeEntry e : entries) {
                switch (e) {
                    case ChangeEntry.MailboxChanged m -> mailboxes.add(m.mailbox());
                    case ChangeEntry.AccountChanged a -> accounts.add(a.accountId());
                }
            }
        }
        return new Unshipped(mailboxes, accounts, through, parked);
    }

    /** Removes what {@code seen} (read by {@link #unshipped}) holds from the queues and the set-aside lists. */
    default void forgetUnshipped(Unshipped seen) {
        seen.queuedThrough().forEach(this::acknowledge);
        seen.parked().forEach((channel, changes) -> changes.forEach(c -> unpark(channel, c)));
    }

    /**
     * Calls {@code wake} (quickly, on the commit thread) after every commit that queued entries,
     * before that commit's writers are answered. Close the handle to stop.
     */
    AutoCloseable onQueued(Runnable wake);
}
