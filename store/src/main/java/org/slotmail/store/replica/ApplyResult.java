package org.slotmail.store.replica;

import org.slotmail.mailbox.MailboxId;

/** What became of one {@link ReplicaUpdate}. */
public sealed interface ApplyResult {
    /** Applied; for a mailbox update, its state afterwards (the sync CRC the client checks). */
    record Applied(MailboxState after) implements ApplyResult {
        /** Applied, and not a mailbox update (account, deletion). */
        public static final Applied NO_STATE = new Applied(null);
    }

    /**
     * Not applied: the target name is held here by another mailbox that the update does not rename.
     * The client adds that mailbox to the batch (the master renamed or deleted it too) and retries.
     */
    record NameTaken(MailboxId requested, MailboxId holder) implements ApplyResult {}

    /** Not applied: something was wrong with it (a missing blob, damaged data); said why. */
    record Failed(String reason) implements ApplyResult {}
}
