package org.slotmail.store.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.store.blob.BlobCorruptedException;
import org.slotmail.store.blob.BlobLocation;
import org.slotmail.store.blob.SegmentStore;
import org.slotmail.store.kv.KvException;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.BlobRow;
import org.slotmail.store.record.Frame;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.MailboxRow;
import org.slotmail.store.record.MessageRow;
import org.slotmail.store.record.RecordCorruptedException;

/**
 * Checks everything a slot stores, from scratch: RocksDB's file checksums, every record's CRC32C,
 * each mailbox's counters and sync CRC against its records, each account's quota usage, each
 * blob's reference count, and the SHA-256 of every message's bytes. Damage is named by account,
 * mailbox and UID wherever the surviving records allow.
 */
public final class StoreCheck {
    private final KvStore kv;
    private final SegmentStore segments;
    private final Consumer<String> progress;
    private final List<Damage> damages = new ArrayList<>();
    private final Map<Long, AccountRow> accounts = new HashMap<>();
    private final Map<MailboxId, MailboxRow> mailboxes = new HashMap<>();

    private StoreCheck(KvStore kv, SegmentStore segments, Consumer<String> progress) {
        this.kv = kv;
        this.segments = segments;
        this.progress = progress;
    }

    /** Checks the slot whose data directory is {@code slotDir}; safe while a server runs on it. */
    public static CheckReport run(Path slotDir, Consumer<String> progress) {
        try (var kv = KvStore.openReadOnly(slotDir.resolve("meta"));
                var segments = SegmentStore.readOnly(slotDir.resolve("blobs"))) {
            return new StoreCheck(kv, segments, progress).run();
        }
    }

    private CheckReport run() {
        progress.accept("checking metadata file checksums");
        try {
            kv.verifyFileChecksums();
        } catch (KvException e) {
            damages.add(new Damage("metadata files", e.getMessage()));
        }
        long messages = 0;
        var blobs = new HashMap<Guid, BlobRow>();
        var blobRefs = new HashMap<Guid, Long>();
        try (KvStore.Reader r = kv.unverifiedReader()) {
            progress.accept("checking accounts and mailboxes");
            scan(r, Table.ACCOUNTS, (k, p) -> accounts.put(Keys.accountId(k), AccountRow.decode(p)));
            scan(r, Table.MAILBOXES, (k, p) -> mailboxes.put(Keys.mailboxId(k), MailboxRow.decode(p)));
            scan(r, Table.ACCOUNT_NAMES, (k, p) -> Keys.accountId(p));
            scan(r, Table.MAILBOX_NAMES, (k, p) -> Keys.mailboxId(p));
            scan(r, Table.SUBSCRIPTIONS, (k, p) -> {});
            scan(r, Table.SUMMARIES, (k, p) -> {});
            scan(r, Table.MODSEQ, (k, p) -> org.slotmail.store.record.ModSeqEntry.check(p));
            scan(r, Table.DELETED_MAILBOXES, (k, p) -> org.slotmail.store.record.DeletedMailboxRow.decode(p));
            scan(r, Table.PARKED_CHANGES, (k, p) -> org.slotmail.store.record.ParkedRow.decode(p));
            scan(r, Table.CHANNELS, (k, p) -> org.slotmail.store.record.ChangeEntry.decode(p));
            scan(r, Table.META, (k, p) -> {});
            scan(r, Table.JOURNAL, (k, p) -> {});
            scan(r, Table.BLOBS, (k, p) -> blobs.put(Guid.of(k), BlobRow.decode(p)));

            progress.accept("checking messages");
            var perMailbox = new HashMap<MailboxId, Tally>();
            var records = new ArrayList<Map.Entry<MailboxId, MessageRecord>>();
            scan(r, Table.MESSAGES, (k, p) -> {
                MessageRecord m = MessageRow.decode(p);
                MailboxId id = Keys.mailboxId(k);
                if (m.uid() != Keys.uidOf(k)) throw new RecordCorruptedException("UID differs from its key");
                perMailbox.computeIfAbsent(id, x -> new Tally()).add(m);
                blobRefs.merge(m.guid(), 1L, Long::sum);
                records.add(Map.entry(id, m));
            });
            messages = records.size();
            checkMailboxes(perMailbox);
            checkBlobRefs(blobs, blobRefs);

            progress.accept("checking message bytes (" + blobs.size() + " blobs)");
            var verdicts = new HashMap<Guid, String>();
            for (var e : records) {
                MessageRecord m = e.getValue();
                String verdict = verdicts.computeIfAbsent(m.guid(), g -> verifyBlob(g, blobs.get(g)));
                if (!verdict.isEmpty()) damages.add(new Damage(where(e.getKey(), m.uid()), verdict));
            }
        }
        return new CheckReport(accounts.size(), mailboxes.size(), messages, blobs.size(), List.copyOf(damages));
    }

    private interface RowCheck {
        void accept(byte[] key, byte[] payload);
    }

    /** Reads every row of a table; a row that fails is reported by what its key names. */
    private void scan(KvStore.Reader r, Table table, RowCheck check) {
        try (KvStore.Cursor c = r.scan(table, new byte[0], null)) {
            for (; c.valid(); c.next()) {
                byte[] key = c.key();
                try {
                    check.accept(key, Frame.open(key, c.value()));
                } catch (RecordCorruptedException | IllegalArgumentException e) {
                    damages.add(new Damage(
                            describe(table, key),
                            "damaged " + table.name().toLowerCase() + " record: " + e.getMessage()));
                }
            }
        } catch (KvException e) {
            damages.add(new Damage("metadata table " + table.name().toLowerCase(), "unreadable: " + e.getMessage()));
        }
    }

    private void checkMailboxes(Map<MailboxId, Tally> perMailbox) {
        var usage = new HashMap<Long, Tally>();
        for (MailboxRow row : mailboxes.values()) {
            Tally t = perMailbox.getOrDefault(row.id(), new Tally());
            usage.computeIfAbsent(row.accountId(), x -> new Tally()).merge(t);
            String where = where(row.id(), -1);
            if (t.count != row.messages() || t.unseen != row.unseen() || t.size != row.size()) {
                damages.add(new Damage(
                        where,
                        "counters say " + row.messages() + " messages/" + row.unseen() + " unseen/" + row.size()
                                + " bytes, records say " + t.count + "/" + t.unseen + "/" + t.size));
            }
            if (t.crc != row.syncCrc()) damages.add(new Damage(where, "sync CRC differs from a recomputation"));
            if (t.maxUid >= row.uidNext()) damages.add(new Damage(where, "a UID is not below UIDNEXT"));
            if (t.maxModSeq > row.highestModSeq()) damages.add(new Damage(where, "a MODSEQ is above HIGHESTMODSEQ"));
        }
        for (MailboxId id : perMailbox.keySet()) {
            if (!mailboxes.containsKey(id))
                damages.add(new Damage("mailbox " + id, "messages of a mailbox that has no record"));
        }
        for (AccountRow a : accounts.values()) {
            Tally t = usage.getOrDefault(a.id(), new Tally());
            if (t.count != a.usageMessages() || t.size != a.usageBytes()) {
                damages.add(new Damage(
                        "account " + a.address(),
                        "quota usage says " + a.usageMessages() + " messages/" + a.usageBytes()
                                + " bytes, mailboxes hold " + t.count + "/" + t.size));
            }
        }
    }

    private void checkBlobRefs(Map<Guid, BlobRow> blobs, Map<Guid, Long> refs) {
        for (var e : blobs.entrySet()) {
            long actual = refs.getOrDefault(e.getKey(), 0L);
            if (actual != e.getValue().refCount()) {
                damages.add(new Damage(
                        "blob " + e.getKey(), "reference count " + e.getValue().refCount() + ", records " + actual));
            }
        }
    }

    private String verifyBlob(Guid guid, BlobRow row) {
        if (row == null) return "message bytes " + guid + " are not in the blob index";
        try {
            segments.verify(new BlobLocation(row.segment(), row.offset(), row.length()), guid);
            return "";
        } catch (BlobCorruptedException e) {
            return "message bytes damaged in " + segments.path(row.segment()).getFileName() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return "message bytes unreadable: " + e.getMessage();
        }
    }

    private String describe(Table table, byte[] key) {
        try {
            return switch (table) {
                case MESSAGES, SUMMARIES -> where(Keys.mailboxId(key), Keys.uidOf(key));
                case MODSEQ -> where(Keys.mailboxId(key), Keys.modSeqUidOf(key));
                case MAILBOXES -> where(Keys.mailboxId(key), -1);
                case ACCOUNTS -> "account id " + Keys.accountId(key);
                case BLOBS -> "blob " + Guid.of(key);
                default ->
                    table.name().toLowerCase() + " key "
                            + java.util.HexFormat.of().formatHex(key);
            };
        } catch (RuntimeException e) {
            return table.name().toLowerCase() + " key "
                    + java.util.HexFormat.of().formatHex(key);
        }
    }

    /** "account alice@example.com, mailbox INBOX, UID 7", as far as the surviving records tell. */
    private String where(MailboxId mailbox, long uid) {
        MailboxRow row = mailboxes.get(mailbox);
        String at;
        if (row == null) at = "mailbox " + mailbox;
        else {
            AccountRow a = accounts.get(row.accountId());
            at = "account " + (a == null ? "id " + row.accountId() : a.address()) + ", mailbox " + row.name();
        }
        return uid < 0 ? at : at + ", UID " + uid;
    }

    /** Counters recomputed from records. */
    private static final class Tally {
        long count, unseen, size, maxUid, maxModSeq;
        int crc;

        void add(MessageRecord m) {
            count++;
            if (!m.flags().has(Flags.SEEN)) unseen++;
            size += m.size();
            crc ^= MessageRow.syncCrc(m);
            maxUid = Math.max(maxUid, m.uid());
            maxModSeq = Math.max(maxModSeq, m.modSeq());
        }

        void merge(Tally o) {
            count += o.count;
            size += o.size;
        }
    }
}
