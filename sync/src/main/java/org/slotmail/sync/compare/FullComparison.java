package org.slotmail.sync.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;

/**
 * Compares every record and tombstone of a mailbox on both sides and says how to make the
 * replica's exactly the master's. When the replica holds only less than the master (missing or
 * stale records, missing tombstones) the update carries just the difference; when it holds
 * something the master does not (a record or tombstone the master has no trace of) the update is
 * {@code full}: the master's whole mailbox, replacing the replica's. The master always wins: a
 * replica holding mail the master lacks is a split brain, which {@link MailboxComparison} turns
 * away before a full comparison is asked for.
 */
public final class FullComparison {
    private FullComparison() {}

    /**
     * The update that makes the replica's mailbox equal the master's.
     *
     * @param master the master's whole mailbox (changes since 0)
     * @param replica the replica's whole mailbox, if it has one
     */
    public static ReplicaUpdate.Mailbox plan(MailboxChanges master, Optional<MailboxChanges> replica) {
        requireWhole(master);
        if (replica.isEmpty())
            return new ReplicaUpdate.Mailbox(master.state(), master.records(), master.expunged(), false);
        MailboxChanges r = replica.get();
        requireWhole(r);
        Map<Long, ReplicatedMessage> masterLive = byUid(master.records());
        Map<Long, Tombstone> masterGone = tombstonesByUid(master.expunged());
        Map<Long, ReplicatedMessage> replicaLive = byUid(r.records());
        Map<Long, Tombstone> replicaGone = tombstonesByUid(r.expunged());

        // Under another UIDVALIDITY the replica's UIDs name other messages: replace them all.
        boolean full = r.state().uidValidity() != master.state().uidValidity();
        for (ReplicatedMessage m : r.records()) {
            long uid = m.record().uid();
            if (!masterLive.containsKey(uid) && !masterGone.containsKey(uid)) full = true;
        }
        for (Tombstone t : r.expunged()) {
            // A tombstone can only be replaced wholesale: the master has no such one, or another.
            if (!t.equals(masterGone.get(t.uid()))) full = true;
        }
        if (full) return new ReplicaUpdate.Mailbox(master.state(), master.records(), master.expunged(), true);

        var put = new ArrayList<ReplicatedMessage>();
        for (ReplicatedMessage m : master.records()) {
            ReplicatedMessage there = replicaLive.get(m.record().uid());
            if (there == null || !sameMessage(m, there)) put.add(m);
        }
        var expunge = new ArrayList<Tombstone>();
        for (Tombstone t : master.expunged()) {
            if (!t.equals(replicaGone.get(t.uid()))) expunge.add(t);
        }
        return new ReplicaUpdate.Mailbox(master.state(), put, expunge, false);
    }

    /**
     * Whether two records are the same in every stored detail: the record's fields with keywords
     * spelled alike (the sync CRC folds their case), and the cached summary's bytes.
     */
    public static boolean sameMessage(ReplicatedMessage a, ReplicatedMessage b) {
        return sameRecord(a.record(), b.record()) && Arrays.equals(a.summary(), b.summary());
    }

    public static boolean sameRecord(MessageRecord a, MessageRecord b) {
        return a.uid() == b.uid()
                && a.modSeq() == b.modSeq()
                && a.size() == b.size()
                && a.flags().system() == b.flags().system()
                && List.copyOf(a.flags().keywords())
                        .equals(List.copyOf(b.flags().keywords()))
                && a.internalDate().equals(b.internalDate())
                && Objects.equals(a.saveDate(), b.saveDate())
                && a.guid().equals(b.guid());
    }

    private static void requireWhole(MailboxChanges changes) {
        if (changes.since() != 0) throw new IllegalArgumentException("a full comparison needs whole mailboxes");
    }

    private static Map<Long, ReplicatedMessage> byUid(List<ReplicatedMessage> records) {
        var map = new HashMap<Long, ReplicatedMessage>(records.size() * 2);
        for (ReplicatedMessage m : records) map.put(m.record().uid(), m);
        return map;
    }

    private static Map<Long, Tombstone> tombstonesByUid(List<Tombstone> tombstones) {
        var map = new HashMap<Long, Tombstone>(tombstones.size() * 2);
        for (Tombstone t : tombstones) map.put(t.uid(), t);
        return map;
    }
}
