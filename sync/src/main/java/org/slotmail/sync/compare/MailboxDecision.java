package org.slotmail.sync.compare;

import org.slotmail.mailbox.MailboxId;

/** What a sync client does about one mailbox, decided from the master's and the replica's states. */
public sealed interface MailboxDecision {
    MailboxId id();

    /** Neither side has it (created and deleted before it was replicated): nothing to do. */
    record Absent(MailboxId id) implements MailboxDecision {}

    /** The states are equal: nothing to do. */
    record InSync(MailboxId id) implements MailboxDecision {}

    /** The replica lacks it: send every record and tombstone (changes since 0). */
    record Create(MailboxId id) implements MailboxDecision {}

    /**
     * The replica is behind (same UIDVALIDITY, HIGHESTMODSEQ not above the master's): send what
     * changed after its HIGHESTMODSEQ, with the master's state as target (which also renames).
     */
    record SendChanges(MailboxId id, long since) implements MailboxDecision {}

    /** The master no longer has it: delete it on the replica. */
    record Delete(MailboxId id) implements MailboxDecision {}

    /** The states disagree in a way changes since a MODSEQ cannot mend: compare every record. */
    record FullCompare(MailboxId id, String why) implements MailboxDecision {}

    /**
     * The replica has changes the master lacks (its HIGHESTMODSEQ or UIDNEXT is higher): a split brain or a
     * master restored from an old copy. Overwriting would lose mail, so the mailbox is set aside
     * for reconciliation instead.
     */
    record Diverged(MailboxId id, String why) implements MailboxDecision {}
}
