package org.slotmail.store.replica;

import java.util.Set;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.SpecialUse;

/**
 * What a sync client compares first: a mailbox's identity, owner, name and counters. Two slots
 * whose states are equal hold the same records (the sync CRC covers every live record).
 */
public record MailboxState(
        MailboxId id,
        long accountId,
        MailboxName name,
        long uidValidity,
        long uidNext,
        long highestModSeq,
        long messages,
        int syncCrc,
        Set<SpecialUse> specialUse) {
    public MailboxState {
        specialUse = Set.copyOf(specialUse);
    }
}
