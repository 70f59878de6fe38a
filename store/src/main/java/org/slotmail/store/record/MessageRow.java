package org.slotmail.store.record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TreeSet;
import java.util.zip.CRC32;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MessageRecord;

/** The stored form of a {@link MessageRecord}, and its share of the mailbox's sync CRC. */
public final class MessageRow {
    private static final int VERSION = 1;

    private MessageRow() {}

    public static byte[] encode(MessageRecord m) {
        var w = new RowWriter(VERSION)
                .i64(m.uid())
                .i64(m.modSeq())
                .u8(m.flags().system())
                .i32(m.flags().keywords().size());
        for (String k : m.flags().keywords()) w.str(k);
        return w.i64(m.internalDate().toEpochMilli())
                .i64(m.saveDate().toEpochMilli())
                .i64(m.size())
                .raw(m.guid().bytes())
                .toBytes();
    }

    public static MessageRecord decode(byte[] payload) {
        return decode(payload, payload.length);
    }

    /** Decodes the first {@code length} bytes of {@code buffer} (a sealed value read in place). */
    public static MessageRecord decode(byte[] buffer, int length) {
        var r = new RowReader(buffer, length, VERSION);
        long uid = r.i64(), modSeq = r.i64();
        int system = r.u8();
        int n = r.i32();
        if (n < 0 || n > 10_000) throw new RecordCorruptedException("bad keyword count " + n);
        TreeSet<String> keywords = null;
        if (n > 0) {
            keywords = new TreeSet<>();
            for (int i = 0; i < n; i++) keywords.add(r.str());
        }
        var internal = Instant.ofEpochMilli(r.i64());
        var saved = Instant.ofEpochMilli(r.i64());
        long size = r.i64();
        var guid = Guid.adopt(r.raw(32));
        r.end();
        try {
            Flags flags = keywords == null ? Flags.ofSystem(system) : new Flags(system, keywords);
            return new MessageRecord(uid, modSeq, flags, internal, saved, size, guid);
        } catch (IllegalArgumentException e) {
            throw new RecordCorruptedException("bad message record: " + e.getMessage(), e);
        }
    }

    /**
     * This record's share of the mailbox sync CRC: a CRC32 of UID, MODSEQ, flags, internal date
     * and GUID. Mailboxes XOR the shares of their live records, so equal states give equal CRCs
     * whatever order the records arrived in.
     */
    public static int syncCrc(MessageRecord m) {
        var crc = new CRC32();
        String text = m.uid() + " " + m.modSeq() + " " + m.flags().canonical() + " "
                + m.internalDate().toEpochMilli() + " " + m.guid().hex();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
