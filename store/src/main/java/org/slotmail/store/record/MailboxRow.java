package org.slotmail.store.record;

import java.util.EnumSet;
import java.util.Set;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.SpecialUse;

/** A mailbox as stored: identity, owner, IMAP counters, counts and the running sync CRC. */
public record MailboxRow(
        MailboxId id,
        long accountId,
        MailboxName name,
        long uidValidity,
        long uidNext,
        long highestModSeq,
        long messages,
        long unseen,
        long size,
        int syncCrc,
        Set<SpecialUse> specialUse) {
    private static final int VERSION = 1;

    public MailboxRow {
        specialUse = specialUse.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(specialUse));
    }

    public MailboxInfo info() {
        return new MailboxInfo(
                id, name, uidValidity, uidNext, highestModSeq, messages, unseen, size, syncCrc, specialUse);
    }

    public MailboxRow withName(MailboxName newName) {
        return new MailboxRow(
                id,
                accountId,
                newName,
                uidValidity,
                uidNext,
                highestModSeq,
                messages,
                unseen,
                size,
                syncCrc,
                specialUse);
    }

    /** The row after a change: new counters, a new HIGHESTMODSEQ, a new sync CRC. */
    public MailboxRow changed(long newUidNext, long newModSeq, long dMessages, long dUnseen, long dSize, int crcDelta) {
        return new MailboxRow(
                id,
                accountId,
                name,
                uidValidity,
                newUidNext,
                newModSeq,
                messages + dMessages,
                unseen + dUnseen,
                size + dSize,
                syncCrc ^ crcDelta,
                specialUse);
    }

    public byte[] encode() {
        int use = 0;
        for (SpecialUse u : specialUse) use |= 1 << u.ordinal();
        return new RowWriter(VERSION)
                .raw(Keys.mailbox(id))
                .i64(accountId)
                .str(name.value())
                .i64(uidValidity)
                .i64(uidNext)
                .i64(highestModSeq)
                .i64(messages)
                .i64(unseen)
                .i64(size)
                .i32(syncCrc)
                .i32(use)
                .toBytes();
    }

    public static MailboxRow decode(byte[] payload) {
        var r = new RowReader(payload, VERSION);
        var id = Keys.mailboxId(r.raw(16));
        long account = r.i64();
        var name = new MailboxName(r.str());
        long uidValidity = r.i64(), uidNext = r.i64(), modSeq = r.i64();
        long messages = r.i64(), unseen = r.i64(), size = r.i64();
        int crc = r.i32(), use = r.i32();
        r.end();
        var uses = EnumSet.noneOf(SpecialUse.class);
        for (SpecialUse u : SpecialUse.values()) if ((use & (1 << u.ordinal())) != 0) uses.add(u);
        return new MailboxRow(id, account, name, uidValidity, uidNext, modSeq, messages, unseen, size, crc, uses);
    }
}
