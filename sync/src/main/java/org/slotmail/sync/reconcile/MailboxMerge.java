package org.slotmail.sync.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.store.replica.DeletedMailbox;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;

/**
 * Merges one mailbox that both sides of a split brain hold (same mailbox id) into the state both
 * end with, after Cyrus's full-mailbox update:
 *
 * <ul>
 *   <li>a UID that is live on both sides with the same GUID stays; its flags go to the side with
 *       the higher MODSEQ (the master's on a tie);
 *   <li>a UID live on one side and expunged on the other with the same GUID is expunged: the side
 *       that had the message expunged it;
 *   <li>every other live message (one-sided, or a UID naming different messages on each side) is
 *       kept under a new UID above both sides' UIDNEXT, lower GUID first, and its old UID becomes
 *       a tombstone on both sides;
 *   <li>every UID whose final state differs from either side's gets one new MODSEQ, above both
 *       sides' HIGHESTMODSEQ, so no client of either side sees a MODSEQ go backwards.
 * </ul>
 *
 * Pure: the caller reads both sides whole ({@code since} 0) and applies the two updates.
 */
public final class MailboxMerge {
    private MailboxMerge() {}

    /**
     * The updates that bring each side to the merged state (nothing when both already match), and
     * the GUIDs of messages only the replica held, whose bytes the master must fetch first.
     */
    public record Outcome(
            ReplicaUpdate.Mailbox forMaster, ReplicaUpdate.Mailbox forReplica, Set<Guid> fromReplica, int renumbered) {
        public boolean changesAnything() {
            return !forMaster.put().isEmpty()
                    || !forMaster.expunge().isEmpty()
                    || !forReplica.put().isEmpty()
                    || !forReplica.expunge().isEmpty();
        }
    }

    /** One UID's state on one side: a live message or a tombstone. */
    private sealed interface Entry {
        record Live(ReplicatedMessage message) implements Entry {}

        record Gone(Tombstone tombstone) implements Entry {}
    }

    public static Outcome merge(MailboxChanges master, MailboxChanges replica) {
        if (master.since() != 0 || replica.since() != 0)
            throw new IllegalArgumentException("a merge needs both sides whole");
        MailboxState ms = master.state(), rs = replica.state();
        if (!ms.id().equals(rs.id()) || ms.uidValidity() != rs.uidValidity())
            throw new IllegalArgumentException("not the same mailbox on both sides");
        Map<Long, Entry> m = entries(master), r = entries(replica);
        long newModSeq = Math.max(ms.highestModSeq(), rs.highestModSeq()) + 1;

        var merged = new TreeMap<Long, Entry>();
        var renumber = new ArrayList<ReplicatedMessage>();
        var fromReplica = new LinkedHashSet<Guid>();
        var uids = new TreeSet<Long>(m.keySet());
        uids.addAll(r.keySet());
        for (long uid : uids) {
            Entry a = m.get(uid), b = r.get(uid);
            Entry result = switch (a) {
                case Entry.Live(var x)
                when b instanceof Entry.Live(var y) -> {
                    if (x.record().guid().equals(y.record().guid())) yield bothLive(x, y, newModSeq);
                    renumber.add(x);
                    renumber.add(y);
                    fromReplica.add(y.record().guid());
                    yield gone(uid, newModSeq, x.record().guid());
                }
                case Entry.Live(var x)
                when b instanceof Entry.Gone(var t) -> {
                    if (!x.record().guid().equals(t.guid())) renumber.add(x);
                    yield gone(uid, newModSeq, x.record().guid());
                }
                case Entry.Gone(var t)
                when b instanceof Entry.Live(var y) -> {
                    if (!y.record().guid().equals(t.guid())) {
                        renumber.add(y);
                        fromReplica.add(y.record().guid());
                    }
                    yield gone(
                            uid,
                            newModSeq,
                            t.guid() != null ? t.guid() : y.record().guid());
                }
                case Entry.Gone(var t)
                when b instanceof Entry.Gone(var u) ->
                    t.equals(u) ? a : gone(uid, newModSeq, t.guid() != null ? t.guid() : u.guid());
                case Entry.Live(var x) -> { // the replica never had this UID
                    renumber.add(x);
                    yield gone(uid, newModSeq, x.record().guid());
                }
                case Entry.Gone(var t) -> gone(uid, newModSeq, t.guid());
                case null -> {
                    switch (b) {
                        case Entry.Live(var y) -> {
                            renumber.add(y);
                            fromReplica.add(y.record().guid());
                            yield gone(uid, newModSeq, y.record().guid());
                        }
                        case Entry.Gone(var u) -> {
                            yield gone(uid, newModSeq, u.guid());
                        }
                    }
                }
            };
            merged.put(uid, result);
        }

        // One-sided and conflicting messages get fresh UIDs above both sides', lower GUID first
        // (the master's copy first when both sides hold the same bytes under different UIDs).
        long nextUid = Math.max(ms.uidNext(), rs.uidNext());
        renumber.sort(Comparator.comparing((ReplicatedMessage x) -> x.record().guid()));
        for (ReplicatedMessage x : renumber) {
            MessageRecord old = x.record();
            var moved = new MessageRecord(
                    nextUid, newModSeq, old.flags(), old.internalDate(), old.saveDate(), old.size(), old.guid());
            merged.put(nextUid++, new Entry.Live(new ReplicatedMessage(moved, x.summary())));
        }
        // Bytes the master already has under another UID need no transfer.
        for (Entry e : m.values())
            if (e instanceof Entry.Live(var x)) fromReplica.remove(x.record().guid());

        boolean changed = !equalEntries(merged, m) || !equalEntries(merged, r);
        long highestModSeq = changed ? newModSeq : Math.max(ms.highestModSeq(), rs.highestModSeq());
        // The master's name and special use stand; a different name on the replica is a rename it missed.
        var target = new MailboxState(
                ms.id(),
                ms.accountId(),
                ms.name(),
                ms.uidValidity(),
                nextUid,
                highestModSeq,
                merged.values().stream().filter(e -> e instanceof Entry.Live).count(),
                0, // the store computes the sync CRC of what it ends up holding
                ms.specialUse());
        return new Outcome(update(target, m, merged), update(target, r, merged), fromReplica, renumber.size());
    }

    /**
     * A stand-in for the side that deleted a mailbox, to merge against the side that kept it: the
     * mailbox as it was when deleted, its UIDs below UIDNEXT then expunged (so what the deleting
     * side had goes), anything newer unknown to it (so it survives under a new UID).
     */
    public static MailboxChanges asDeleted(DeletedMailbox deleted, MailboxName name, MailboxChanges kept) {
        var state = new MailboxState(
                deleted.id(),
                deleted.accountId(),
                name,
                deleted.uidValidity(),
                deleted.uidNext(),
                deleted.highestModSeq(),
                0,
                0,
                kept.state().specialUse());
        var gone = new ArrayList<Tombstone>();
        for (ReplicatedMessage x : kept.records()) {
            if (x.record().uid() < deleted.uidNext())
                gone.add(new Tombstone(
                        x.record().uid(), deleted.highestModSeq(), x.record().guid()));
        }
        return new MailboxChanges(state, 0, List.of(), gone);
    }

    /** The same message on both sides: flags of the later change (higher MODSEQ; the master's on a tie). */
    private static Entry bothLive(ReplicatedMessage x, ReplicatedMessage y, long newModSeq) {
        if (sameRecord(x.record(), y.record())) return new Entry.Live(x);
        MessageRecord winner = y.record().modSeq() > x.record().modSeq() ? y.record() : x.record();
        return new Entry.Live(new ReplicatedMessage(x.record().withFlags(winner.flags(), newModSeq), x.summary()));
    }

    private static boolean sameRecord(MessageRecord a, MessageRecord b) {
        return a.equals(b); // every field: the same bytes delivered on both sides differ in dates
    }

    private static Entry gone(long uid, long modSeq, Guid guid) {
        return new Entry.Gone(new Tombstone(uid, modSeq, guid));
    }

    private static Map<Long, Entry> entries(MailboxChanges side) {
        var out = new TreeMap<Long, Entry>();
        for (Tombstone t : side.expunged()) out.put(t.uid(), new Entry.Gone(t));
        for (ReplicatedMessage x : side.records()) out.put(x.record().uid(), new Entry.Live(x));
        return out;
    }

    /** What one side must put and expunge to hold {@code merged}: only the UIDs whose state differs. */
    private static ReplicaUpdate.Mailbox update(MailboxState target, Map<Long, Entry> side, Map<Long, Entry> merged) {
        var put = new ArrayList<ReplicatedMessage>();
        var expunge = new ArrayList<Tombstone>();
        merged.forEach((uid, e) -> {
            if (sameEntry(side.get(uid), e)) return;
            switch (e) {
                case Entry.Live(var x) -> put.add(x);
                case Entry.Gone(var t) -> expunge.add(t);
            }
        });
        return new ReplicaUpdate.Mailbox(target, put, expunge, false);
    }

    private static boolean sameEntry(Entry a, Entry b) {
        return switch (a) {
            case null -> false;
            case Entry.Live(var x) when b instanceof Entry.Live(var y) -> sameRecord(x.record(), y.record());
            case Entry.Gone(var t) when b instanceof Entry.Gone(var u) -> t.equals(u);
            default -> false;
        };
    }

    private static boolean equalEntries(Map<Long, Entry> a, Map<Long, Entry> b) {
        if (!a.keySet().equals(b.keySet())) return false;
        for (var e : a.entrySet()) if (!sameEntry(e.getValue(), b.get(e.getKey()))) return false;
        return true;
    }
}
