package org.slotmail.mailbox;

import java.util.Set;

/**
 * The state of one mailbox at one moment: identity, the IMAP counters (RFC 9051, RFC 7162), the
 * message count, unseen count and total size, and the sync CRC replication compares.
 */
public record MailboxInfo(
        MailboxId id,
        MailboxName name,
        long uidValidity,
        long uidNext,
        long highestModSeq,
        long messages,
        long unseen,
        long size,
        int syncCrc,
        Set<SpecialUse> specialUse) {}
