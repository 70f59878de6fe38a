package org.slotmail.store.replica;

import java.util.List;

/**
 * A mailbox's state and what changed in it after a MODSEQ: live records with a higher MODSEQ
 * (new or with new flags) and tombstones with a higher MODSEQ. With {@code since} 0 it is the
 * whole mailbox. Read from one consistent view.
 */
public record MailboxChanges(
        MailboxState state, long since, List<ReplicatedMessage> records, List<Tombstone> expunged) {
    public MailboxChanges {
        records = List.copyOf(records);
        expunged = List.copyOf(expunged);
    }
}
