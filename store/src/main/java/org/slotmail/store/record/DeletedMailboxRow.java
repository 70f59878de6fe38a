package org.slotmail.store.record;

import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;

/** A mailbox tombstone as stored: the deleted mailbox's identity and counters when it was deleted. */
public record DeletedMailboxRow(
        MailboxId id, long accountId, MailboxName name, long uidValidity, long uidNext, long highestModSeq) {
    private static final int VERSION = 1;

    public static DeletedMailboxRow of(MailboxRow row) {
        return new DeletedMailboxRow(
                row.id(), row.accountId(), row.name(), row.uidValidity(), row.uidNext(), row.highestModSeq());
    }

    public byte[] encode() {
        return new RowWriter(VERSION)
                .raw(Keys.mailbox(id))
                .i64(accountId)
                .str(name.value())
                .i64(uidValidity)
                .i64(uidNext)
                .i64(highestModSeq)
                .toBytes();
    }

    public static DeletedMailboxRow decode(byte[] payload) {
        var r = new RowReader(payload, VERSION);
        var id = Keys.mailboxId(r.raw(16));
        long account = r.i64();
        String name = r.str();
        long uidValidity = r.i64(), uidNext = r.i64(), modSeq = r.i64();
        r.end();
        try {
            return new DeletedMailboxRow(id, account, new MailboxName(name), uidValidity, uidNext, modSeq);
        } catch (RuntimeException e) {
            throw new RecordCorruptedException("bad deleted mailbox row: " + e.getMessage(), e);
        }
    }
}
