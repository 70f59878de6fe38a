package org.slotmail.store.mailbox;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.Guid;
import org.slotmail.store.blob.BlobLocation;
import org.slotmail.store.blob.SegmentStore;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.BlobRow;
import org.slotmail.store.record.Frame;

/**
 * Run when a store opens, before any write: every message still in the journal had its bytes
 * appended to a segment that may not have been synced before a crash. Where the segment entry is
 * not whole, the bytes are written again from the journal and the blob row points at the new
 * copy; then the journal is emptied. Afterwards every record points at whole, synced bytes.
 */
final class JournalRecovery {
    private static final Logger log = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {}

    static void run(KvStore kv, SegmentStore segments) {
        record Entry(byte[] key, Guid guid, byte[] bytes) {}
        record Moved(byte[] key, BlobRow row) {}
        var entries = new ArrayList<Entry>();
        try (var reader = kv.reader();
                KvStore.Cursor c = reader.scan(Table.JOURNAL, new byte[0], null)) {
            for (; c.valid(); c.next()) {
                byte[] key = c.key();
                entries.add(new Entry(key, Guid.of(key), Frame.open(key, c.value())));
            }
        }
        if (entries.isEmpty()) return;
        int rewritten = 0;
        var moved = new ArrayList<Moved>();
        for (Entry e : entries) {
            byte[] rowValue = kv.get(Table.BLOBS, e.key());
            if (rowValue == null) continue; // its commit never happened or was rolled back
            BlobRow row = BlobRow.decode(Frame.open(e.key(), rowValue));
            if (segments.holds(new BlobLocation(row.segment(), row.offset(), row.length()), e.guid())) continue;
            if (!Guid.of(IncomingMessage.sha256().digest(e.bytes())).equals(e.guid())) {
                log.atError()
                        .addKeyValue("guid", e.guid())
                        .log("journal copy of a message fails its SHA-256; not used");
                continue;
            }
            BlobLocation at = segments.append(e.guid(), e.bytes());
            moved.add(new Moved(e.key(), new BlobRow(at.segment(), at.offset(), at.length(), row.refCount())));
            rewritten++;
        }
        segments.syncDirty();
        try (KvStore.Batch batch = kv.batch()) {
            for (Moved m : moved)
                batch.put(Table.BLOBS, m.key(), Frame.seal(m.key(), m.row().encode()));
            for (Entry e : entries) batch.delete(Table.JOURNAL, e.key());
            kv.commit(batch, true);
        }
        log.atInfo()
                .addKeyValue("journaled", entries.size())
                .addKeyValue("rewritten", rewritten)
                .log("recovered message bytes from the journal");
    }

    /** For tests: the GUIDs still in the journal. */
    static List<Guid> pending(KvStore kv) {
        var out = new ArrayList<Guid>();
        try (var reader = kv.reader();
                KvStore.Cursor c = reader.scan(Table.JOURNAL, new byte[0], null)) {
            for (; c.valid(); c.next()) out.add(Guid.of(c.key()));
        }
        return out;
    }
}
