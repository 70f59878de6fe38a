package org.slotmail.store.replica;

import java.util.List;
import org.slotmail.mailbox.MailboxId;

/**
 * One change a sync client asks a store to make so it matches the master. Applied by {@link
 * ReplicaStore#apply}, each update atomically on its own; a batch of them in one durable commit.
 */
public sealed interface ReplicaUpdate {
    /**
     * Makes the mailbox {@code target.id()} exist with exactly {@code target}'s name, UIDVALIDITY,
     * UIDNEXT, HIGHESTMODSEQ and special use (creating it if missing, renaming it if its name
     * differs); puts {@code put} (replacing any record with the same UID) and removes the UIDs of
     * {@code expunge}, leaving those tombstones. Counts, sizes and the sync CRC are recomputed by
     * the store; the result says what they became. With {@code full}, every live record and
     * tombstone not in {@code put}/{@code expunge} is removed first: the mailbox becomes exactly
     * the given set (a full comparison's outcome).
     *
     * <p>Refused ({@code Failed}) when it would move UIDNEXT or HIGHESTMODSEQ back, when a record
     * or tombstone lies at or above the target's UIDNEXT or above its HIGHESTMODSEQ, when the
     * account is not here, or when bytes of a new record are neither here nor in the batch. When
     * the target name is held by another mailbox, that one must be renamed away or deleted by a
     * later update of the same batch; it is then moved out of the way first (to its own target
     * name if free, else to a temporary name its own update replaces). Otherwise {@code NameTaken}.
     */
    record Mailbox(MailboxState target, List<ReplicatedMessage> put, List<Tombstone> expunge, boolean full)
            implements ReplicaUpdate {
        public Mailbox {
            put = List.copyOf(put);
            expunge = List.copyOf(expunge);
        }
    }

    /** Removes a mailbox the master no longer has, with its records (and leaves a mailbox tombstone). */
    record DeleteMailbox(MailboxId id) implements ReplicaUpdate {}

    /** Makes the account exist with this address and exactly these subscriptions. */
    record Account(AccountState target) implements ReplicaUpdate {}

    /** Removes an account the master purged, with every mailbox, record and subscription. */
    record PurgeAccount(long accountId) implements ReplicaUpdate {}
}
