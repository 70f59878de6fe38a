package org.slotmail.mailbox;

import java.time.Instant;

/**
 * One message in one mailbox, as stored: its UID, the MODSEQ of its last change, flags, the
 * internal date (IMAP INTERNALDATE), the save date (RFC 8514), its size and the GUID of its bytes.
 */
public record MessageRecord(
        long uid, long modSeq, Flags flags, Instant internalDate, Instant saveDate, long size, Guid guid) {
    public MessageRecord withFlags(Flags newFlags, long newModSeq) {
        return new MessageRecord(uid, newModSeq, newFlags, internalDate, saveDate, size, guid);
    }
}
