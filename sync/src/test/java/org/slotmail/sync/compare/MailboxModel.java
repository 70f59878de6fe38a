package org.slotmail.sync.compare;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.store.record.MessageRow;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;

/**
 * One mailbox in memory, written like the store writes it (every change takes the next MODSEQ,
 * expunges leave tombstones, the sync CRC is the XOR of the store's per-record CRCs) and updated
 * like a replica's store applies {@link ReplicaUpdate.Mailbox}: the model the comparison is tested
 * against.
 */
final class MailboxModel {
    final MailboxId id;
    final long accountId = 1;
    final long uidValidity;
    MailboxName name;
    long uidNext = 1;
    long highestModSeq = 1;
    final TreeMap<Long, ReplicatedMessage> live = new TreeMap<>();
    final TreeMap<Long, Tombstone> gone = new TreeMap<>();

    MailboxModel(MailboxId id, MailboxName name, long uidValidity) {
        this.id = id;
        this.name = name;
        this.uidValidity = uidValidity;
    }

    MailboxModel copy() {
        var m = new MailboxModel(id, name, uidValidity);
        m.uidNext = uidNext;
        m.highestModSeq = highestModSeq;
        m.live.putAll(live);
        m.gone.putAll(gone);
        return m;
    }

    // --- writes as a master makes them ---

    void append(int body, int flags) {
        long uid = uidNext++;
        long modSeq = ++highestModSeq;
        var record = new MessageRecord(
                uid,
                modSeq,
                Flags.ofSystem(flags & 31),
                Instant.ofEpochSecond(1_800_000_000L + uid),
                Instant.ofEpochSecond(1_800_000_000L + uid),
                100 + body,
                guid(body));
        live.put(uid, new ReplicatedMessage(record, ("summary of " + body).getBytes()));
    }

    void setFlags(int pick, int flags) {
        if (live.isEmpty()) return;
        long uid = nth(live, pick);
        ReplicatedMessage m = live.get(uid);
        live.put(
                uid,
                new ReplicatedMessage(m.record().withFlags(Flags.ofSystem(flags & 31), ++highestModSeq), m.summary()));
    }

    void expunge(int pick) {
        if (live.isEmpty()) return;
        long uid = nth(live, pick);
        ReplicatedMessage m = live.remove(uid);
        gone.put(uid, new Tombstone(uid, ++highestModSeq, m.record().guid()));
    }

    void rename(String newName, boolean bumpsModSeq) {
        name = new MailboxName(newName);
        if (bumpsModSeq) highestModSeq++;
    }

    // --- reads ---

    MailboxState state() {
        int crc = 0;
        for (ReplicatedMessage m : live.values()) crc ^= MessageRow.syncCrc(m.record());
        return new MailboxState(id, accountId, name, uidValidity, uidNext, highestModSeq, live.size(), crc, Set.of());
    }

    MailboxChanges changesSince(long since) {
        var records = new ArrayList<ReplicatedMessage>();
        for (ReplicatedMessage m : live.values()) if (m.record().modSeq() > since) records.add(m);
        var tombstones = new ArrayList<Tombstone>();
        for (Tombstone t : gone.values()) if (t.modSeq() > since) tombstones.add(t);
        return new MailboxChanges(state(), since, records, tombstones);
    }

    // --- an update applied as a replica's store applies it ---

    /** The model of {@code ReplicaStore.apply} for one mailbox update (creating when {@code replica} is null). */
    static ApplyResult apply(MailboxModel[] replica, ReplicaUpdate.Mailbox u) {
        MailboxState t = u.target();
        MailboxModel m = replica[0];
        if (m != null) {
            if (m.uidValidity != t.uidValidity() && !u.full()) return new ApplyResult.Failed("UIDVALIDITY differs");
            if (t.uidNext() < m.uidNext || t.highestModSeq() < m.highestModSeq) {
                return new ApplyResult.Failed("would go back");
            }
        }
        for (ReplicatedMessage r : u.put()) {
            if (r.record().uid() >= t.uidNext() || r.record().modSeq() > t.highestModSeq()) {
                return new ApplyResult.Failed("record outside target");
            }
        }
        var result = new MailboxModel(t.id(), t.name(), t.uidValidity());
        if (m != null && !u.full()) {
            result.live.putAll(m.live);
            result.gone.putAll(m.gone);
        }
        if (m != null && u.full()) {
            Set<Long> listed = new HashSet<>();
            for (ReplicatedMessage r : u.put()) listed.add(r.record().uid());
            for (Map.Entry<Long, ReplicatedMessage> e : m.live.entrySet()) {
                if (listed.contains(e.getKey())) result.live.put(e.getKey(), e.getValue());
            }
            Set<Tombstone> listedGone = new HashSet<>(u.expunge());
            for (Tombstone ts : m.gone.values()) if (listedGone.contains(ts)) result.gone.put(ts.uid(), ts);
        }
        for (ReplicatedMessage r : u.put()) result.live.put(r.record().uid(), r);
        for (Tombstone ts : u.expunge()) {
            result.live.remove(ts.uid());
            result.gone.put(ts.uid(), ts);
        }
        result.uidNext = t.uidNext();
        result.highestModSeq = t.highestModSeq();
        replica[0] = result;
        return new ApplyResult.Applied(result.state());
    }

    /** Same records (every detail), tombstones and state. */
    boolean sameAs(MailboxModel other) {
        return gone.equals(other.gone) && sameLiveAs(other);
    }

    /** Same live records (every detail) and state; tombstones aside. */
    boolean sameLiveAs(MailboxModel other) {
        if (!state().equals(other.state())) return false;
        if (!live.keySet().equals(other.live.keySet())) return false;
        for (long uid : live.keySet()) {
            if (!FullComparison.sameMessage(live.get(uid), other.live.get(uid))) return false;
        }
        return true;
    }

    static Guid guid(int body) {
        byte[] b = new byte[32];
        ByteBuffer.wrap(b).putInt(body).putInt(0x5eed);
        return Guid.of(b);
    }

    private static long nth(TreeMap<Long, ?> map, int pick) {
        List<Long> keys = new ArrayList<>(map.keySet());
        return keys.get(Math.floorMod(pick, keys.size()));
    }

    @Override
    public String toString() {
        return state() + " live=" + live.values() + " gone=" + gone.values();
    }
}
