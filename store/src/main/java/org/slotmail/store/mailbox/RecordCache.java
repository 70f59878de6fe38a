package org.slotmail.store.mailbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/**
 * The decoded records of recently read large mailboxes, each exactly as of one HIGHESTMODSEQ: what
 * Dovecot's index file is for a client that reads every message's flags when it reconnects.
 *
 * <p>Every change to a mailbox's records raises its HIGHESTMODSEQ (RFC 7162: appends, flag
 * changes, expunges), so an entry is valid for a reader exactly when the HIGHESTMODSEQ in the
 * reader's own snapshot is the one the entry was read at; after any change the next large read
 * builds it again. Nothing is ever updated in place, so there is nothing to get out of step. The
 * total is bounded; the least recently used mailboxes go first.
 */
final class RecordCache {
    /** Below this many records a mailbox is read from RocksDB as it is asked for. */
    static final int MIN_RECORDS = 1024;

    private final long maxRecords;
    private final LinkedHashMap<MailboxId, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long held;

    /** One mailbox's records as of {@code highestModSeq}, in UID order. */
    record Entry(long highestModSeq, long[] uids, MessageRecord[] records) {}

    RecordCache(long maxRecords) {
        this.maxRecords = maxRecords;
    }

    /** Whether a read of {@code requested} UIDs from a mailbox of {@code messages} is worth a whole-mailbox entry. */
    boolean worthBuilding(long messages, UidSet requested) {
        if (messages < MIN_RECORDS || messages > maxRecords / 2) return false;
        long span = 0;
        for (UidSet.Range r : requested.ranges()) {
            span += r.last() - r.first() + 1;
            if (span >= MIN_RECORDS) return true;
        }
        return false;
    }

    /** The entry of {@code mailbox} read at {@code highestModSeq}, or null. */
    synchronized Entry get(MailboxId mailbox, long highestModSeq) {
        Entry e = entries.get(mailbox);
        return e != null && e.highestModSeq() == highestModSeq ? e : null;
    }

    synchronized void put(MailboxId mailbox, Entry entry) {
        Entry old = entries.put(mailbox, entry);
        if (old != null) held -= old.records().length;
        held += entry.records().length;
        var eldest = entries.entrySet().iterator();
        while (held > maxRecords && eldest.hasNext()) {
            var e = eldest.next();
            held -= e.getValue().records().length;
            eldest.remove();
        }
    }

    /**
     * Drops a mailbox's entry: replication may rewrite its records without raising HIGHESTMODSEQ
     * (a full comparison repairing a replica), which is the one change the check above cannot see.
     */
    synchronized void forget(MailboxId mailbox) {
        Entry old = entries.remove(mailbox);
        if (old != null) held -= old.records().length;
    }

    static Entry entry(long highestModSeq, List<MessageRecord> records) {
        var array = records.toArray(MessageRecord[]::new);
        long[] uids = new long[array.length];
        for (int i = 0; i < array.length; i++) uids[i] = array[i].uid();
        return new Entry(highestModSeq, uids, array);
    }

    /** The records of the entry whose UIDs are in {@code wanted}, ascending. */
    static List<MessageRecord> select(Entry entry, UidSet wanted) {
        List<UidSet.Range> ranges = wanted.ranges();
        List<MessageRecord> all = Arrays.asList(entry.records());
        if (ranges.size() == 1) return List.copyOf(slice(entry, all, ranges.getFirst()));
        var out = new ArrayList<MessageRecord>();
        for (UidSet.Range r : ranges) out.addAll(slice(entry, all, r));
        return out;
    }

    private static List<MessageRecord> slice(Entry entry, List<MessageRecord> all, UidSet.Range r) {
        int from = insertionPoint(entry.uids(), r.first());
        int to = insertionPoint(entry.uids(), r.last() + 1);
        return all.subList(from, Math.max(from, to));
    }

    private static int insertionPoint(long[] uids, long uid) {
        int i = Arrays.binarySearch(uids, uid);
        return i >= 0 ? i : -i - 1;
    }
}
