package org.slotmail.store.mailbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.BlobRow;
import org.slotmail.store.record.Frame;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.MailboxRow;
import org.slotmail.store.record.MessageRow;
import org.slotmail.store.record.ModSeqEntry;
import org.slotmail.store.record.RecordCorruptedException;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;

/**
 * A master's changes written on a replica, run inside one {@link Txn}: each update under its own
 * save point, so one that fails is rolled back alone. Records are put exactly as the master holds
 * them (UID, MODSEQ, flags, dates, GUID); counters, the sync CRC and quota usage follow
 * incrementally, as they do for the master's own writes.
 */
final class ReplicaWrites {
    private ReplicaWrites() {}

    static List<ApplyResult> apply(Txn t, ReplicaBatch batch) {
        var results = new ArrayList<ApplyResult>(batch.updates().size());
        for (int i = 0; i < batch.updates().size(); i++) {
            String refused = batch.refused().get(i);
            if (refused != null) {
                results.add(new ApplyResult.Failed(refused));
                continue;
            }
            results.add(applyOne(t, batch, i));
        }
        return results;
    }

    private static ApplyResult applyOne(Txn t, ReplicaBatch batch, int index) {
        var touchedMailboxes = new LinkedHashSet<>(t.touchedMailboxes);
        var touchedAccounts = new LinkedHashSet<>(t.touchedAccounts);
        t.batch().setSavePoint();
        ApplyResult result;
        try {
            result = switch (batch.updates().get(index)) {
                case ReplicaUpdate.Mailbox m -> mailbox(t, m, batch, index);
                case ReplicaUpdate.DeleteMailbox d -> deleteMailbox(t, d.id());
                case ReplicaUpdate.Account a -> account(t, a.target());
                case ReplicaUpdate.PurgeAccount p -> {
                    FolderWrites.purge(t, p.accountId());
                    yield ApplyResult.Applied.NO_STATE;
                }
            };
        } catch (MailboxException | RecordCorruptedException | IllegalArgumentException e) {
            result = new ApplyResult.Failed(reason(e));
        }
        if (result instanceof ApplyResult.Applied) {
            t.batch().popSavePoint();
        } else {
            t.batch().rollbackToSavePoint();
            t.touchedMailboxes.retainAll(touchedMailboxes);
            t.touchedAccounts.retainAll(touchedAccounts);
        }
        return result;
    }

    static String reason(RuntimeException e) {
        if (e instanceof RecordCorruptedException) return "stored data is damaged: " + e.getMessage();
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static MailboxState state(MailboxRow row) {
        return new MailboxState(
                row.id(),
                row.accountId(),
                row.name(),
                row.uidValidity(),
                row.uidNext(),
                row.highestModSeq(),
                row.messages(),
                row.syncCrc(),
                row.specialUse());
    }

    // --- mailboxes ---

    private static ApplyResult mailbox(Txn t, ReplicaUpdate.Mailbox u, ReplicaBatch batch, int index) {
        MailboxState target = u.target();
        MailboxId id = target.id();
        long accountId = target.accountId();
        MailboxRow row = t.mailbox(id).orElse(null);
        if (row != null && row.accountId() != accountId) {
            return failed("mailbox " + id + " belongs to account " + row.accountId() + " here");
        }
        if (t.account(accountId).isEmpty()) {
            return failed("account " + accountId + " is not here: its Account update must come first");
        }
        String inconsistent = inconsistency(u, row);
        if (inconsistent != null) return failed(inconsistent);

        Optional<MailboxId> holder = t.mailboxId(accountId, target.name()).filter(h -> !h.equals(id));
        if (holder.isPresent() && !moveOutOfTheWay(t, holder.get(), target.name(), batch, index)) {
            return new ApplyResult.NameTaken(id, holder.get());
        }
        boolean created = row == null;
        if (created) {
            row = new MailboxRow(
                    id, accountId, target.name(), target.uidValidity(), 1, 1, 0, 0, 0, 0, target.specialUse());
            t.putName(accountId, target.name(), id);
            t.delete(Table.DELETED_MAILBOXES, Keys.deletedMailbox(accountId, id));
            t.uidValidityGiven(target.uidValidity());
        } else if (!row.name().equals(target.name())) {
            row = rename(t, row, target.name());
        }

        var tally = new Tally();
        if (u.full()) removeUnlisted(t, id, u, tally);
        for (ReplicatedMessage m : u.put()) put(t, id, m, batch, tally);
        var earlier = new EarlierTombstones(t, id);
        for (Tombstone ts : u.expunge()) expunge(t, id, ts, tally, earlier);

        MailboxRow after = new MailboxRow(
                id,
                accountId,
                target.name(),
                target.uidValidity(),
                target.uidNext(),
                target.highestModSeq(),
                row.messages() + tally.messages,
                row.unseen() + tally.unseen,
                row.size() + tally.bytes,
                row.syncCrc() ^ tally.crc,
                target.specialUse());
        if (created || tally.changed || !after.equals(row)) t.put(after);
        if (tally.bytes != 0 || tally.messages != 0) {
            t.putUsage(t.requireAccount(accountId).plus(tally.bytes, tally.messages));
        }
        return new ApplyResult.Applied(state(after));
    }

    /**
     * Why the update cannot be right, or null. UIDs and MODSEQs never go back here: after a
     * promotion this slot gives the next ones from these very counters.
     */
    private static String inconsistency(ReplicaUpdate.Mailbox u, MailboxRow row) {
        MailboxState target = u.target();
        if (target.uidNext() < 1 || target.uidNext() > UidSet.MAX_UID + 1 || target.highestModSeq() < 1) {
            return "bad UIDNEXT " + target.uidNext() + " or HIGHESTMODSEQ " + target.highestModSeq();
        }
        if (row != null) {
            if (row.uidValidity() != target.uidValidity() && !u.full()) {
                return "UIDVALIDITY here is " + row.uidValidity() + ", not " + target.uidValidity();
            }
            if (target.uidNext() < row.uidNext()) {
                return "UIDNEXT would go back from " + row.uidNext() + " to " + target.uidNext();
            }
            if (target.highestModSeq() < row.highestModSeq()) {
                return "HIGHESTMODSEQ would go back from " + row.highestModSeq() + " to " + target.highestModSeq();
            }
        }
        for (ReplicatedMessage m : u.put()) {
            MessageRecord r = m.record();
            if (r.uid() < 1 || r.uid() >= target.uidNext() || r.modSeq() < 1 || r.modSeq() > target.highestModSeq()) {
                return "record UID " + r.uid() + " MODSEQ " + r.modSeq() + " lies outside UIDNEXT " + target.uidNext()
                        + " / HIGHESTMODSEQ " + target.highestModSeq();
            }
        }
        for (Tombstone ts : u.expunge()) {
            if (ts.uid() < 1
                    || ts.uid() >= target.uidNext()
                    || ts.modSeq() < 1
                    || ts.modSeq() > target.highestModSeq()) {
                return "tombstone UID " + ts.uid() + " MODSEQ " + ts.modSeq() + " lies outside UIDNEXT "
                        + target.uidNext() + " / HIGHESTMODSEQ " + target.highestModSeq();
            }
        }
        return null;
    }

    /**
     * Frees {@code name} of {@code holder} when a later update of the batch renames or deletes
     * the holder anyway: it is deleted now, or moved to its own target name if free, else to a
     * temporary name its own update replaces. False when nothing in the batch moves it.
     */
    private static boolean moveOutOfTheWay(Txn t, MailboxId holder, MailboxName name, ReplicaBatch batch, int index) {
        MailboxRow row = t.requireMailbox(holder);
        switch (batch.laterUpdateOf(holder, index)) {
            case ReplicaUpdate.DeleteMailbox d -> FolderWrites.deleteWithContents(t, row);
            case ReplicaUpdate.Mailbox m
            when !m.target().name().equals(name) -> {
                MailboxName aside = m.target().name();
                if (t.mailboxId(row.accountId(), aside).isPresent()) aside = temporaryName(row.accountId(), holder, t);
                rename(t, row, aside);
            }
            case null, default -> {
                return false;
            }
        }
        return true;
    }

    private static MailboxName temporaryName(long accountId, MailboxId id, Txn t) {
        var name = new MailboxName(".sync-aside-" + id);
        if (t.mailboxId(accountId, name).isPresent()) {
            throw new MailboxException(Reason.ALREADY_EXISTS, "temporary name " + name + " is taken");
        }
        return name;
    }

    private static MailboxRow rename(Txn t, MailboxRow row, MailboxName to) {
        byte[] oldKey = Keys.name(row.accountId(), row.name());
        if (t.mailboxId(row.accountId(), row.name()).filter(row.id()::equals).isPresent()) {
            t.delete(Table.MAILBOX_NAMES, oldKey);
        }
        t.putName(row.accountId(), to, row.id());
        MailboxRow renamed = row.withName(to);
        t.put(renamed);
        return renamed;
    }

    /** How the records changed: deltas of the counters, the sync CRC and quota usage. */
    /**
     * The tombstones a mailbox already has, by UID: read with one scan of its MODSEQ index, and
     * only when an update expunges a UID that has no live record here.
     */
    private static final class EarlierTombstones {
        private final Txn t;
        private final MailboxId id;
        private java.util.Map<Long, Long> byUid;

        EarlierTombstones(Txn t, MailboxId id) {
            this.t = t;
            this.id = id;
        }

        Long modSeqOf(long uid) {
            if (byUid == null) {
                byUid = new java.util.HashMap<>();
                byte[] prefix = Keys.mailbox(id);
                try (var c = t.view.scan(Table.MODSEQ, prefix, Keys.after(prefix))) {
                    for (; c.valid(); c.next()) {
                        byte[] key = c.key();
                        if (ModSeqEntry.isExpunged(Frame.open(key, c.value())))
                            byUid.put(Keys.modSeqUidOf(key), Keys.modSeqOf(key));
                    }
                }
            }
            return byUid.get(uid);
        }
    }

    private static final class Tally {
        long messages, unseen, bytes;
        int crc;
        boolean changed;

        void add(MessageRecord r, int sign) {
            messages += sign;
            unseen += sign * unseen(r.flags());
            bytes += sign * r.size();
            crc ^= MessageRow.syncCrc(r);
            changed = true;
        }
    }

    private static long unseen(Flags flags) {
        return flags.has(Flags.SEEN) ? 0 : 1;
    }

    /** A full update: every live record and tombstone the update does not list goes first. */
    private static void removeUnlisted(Txn t, MailboxId id, ReplicaUpdate.Mailbox u, Tally tally) {
        Set<Long> listed = new HashSet<>();
        for (ReplicatedMessage m : u.put()) listed.add(m.record().uid());
        record Expunged(long uid, long modSeq) {}
        Set<Expunged> tombstones = new HashSet<>();
        for (Tombstone ts : u.expunge()) tombstones.add(new Expunged(ts.uid(), ts.modSeq()));

        var stale = new ArrayList<byte[]>();
        byte[] prefix = Keys.mailbox(id);
        try (KvStore.Cursor c = t.view.scan(Table.MODSEQ, prefix, Keys.after(prefix))) {
            for (; c.valid(); c.next()) {
                byte[] key = c.key();
                boolean tombstone = ModSeqEntry.isExpunged(Frame.open(key, c.value()));
                if (tombstone && !tombstones.contains(new Expunged(Keys.modSeqUidOf(key), Keys.modSeqOf(key)))) {
                    stale.add(key);
                }
            }
        }
        for (byte[] key : stale) {
            t.delete(Table.MODSEQ, key);
            tally.changed = true;
        }
        for (MessageRecord r : t.messages(id, UidSet.ALL)) {
            if (listed.contains(r.uid())) continue;
            t.removeMessage(id, r, 0);
            tally.add(r, -1);
        }
    }

    /** Puts a record exactly; one of the same UID is replaced (its bytes lose a reference). */
    private static void put(Txn t, MailboxId id, ReplicatedMessage m, ReplicaBatch batch, Tally tally) {
        MessageRecord r = m.record();
        Optional<MessageRecord> old = t.message(id, r.uid());
        boolean sameSummary = false;
        if (old.isPresent()) {
            MessageRecord o = old.get();
            // A flag change leaves the summary as it is: no need to write it again.
            sameSummary = o.guid().equals(r.guid()) && Arrays.equals(t.summary(id, r.uid()), m.summary());
            if (o.equals(r) && sameSummary) return;
            t.delete(Table.MODSEQ, Keys.modSeq(id, o.modSeq(), o.uid()));
            if (!o.guid().equals(r.guid())) t.blobRef(o.guid(), null, -1);
            tally.add(o, -1);
        }
        t.putMessage(id, r);
        if (!sameSummary) t.putSummary(id, r.uid(), m.summary());
        if (old.isEmpty() || !old.get().guid().equals(r.guid())) reference(t, r, batch);
        tally.add(r, 1);
    }

    /**
     * Adds a reference to a record's bytes. Bytes that arrived in this batch are journaled or
     * make the commit sync the segments first, as for a delivery: nothing that points at them
     * commits before they are durable.
     */
    private static void reference(Txn t, MessageRecord r, ReplicaBatch batch) {
        Guid guid = r.guid();
        MessageWrites.NewMessage arrived = batch.arrived().get(guid);
        if (arrived != null) t.newBlobRef(arrived, 1);
        else if (t.blob(guid).isPresent()) t.blobRef(guid, null, 1);
        else {
            throw new MailboxException(
                    Reason.NONEXISTENT, "bytes of message " + guid + " (UID " + r.uid() + ") are not here");
        }
        BlobRow blob = t.blob(guid).orElseThrow();
        if (blob.length() != r.size()) {
            throw new MailboxException(
                    Reason.CORRUPTED,
                    "record UID " + r.uid() + " says " + r.size() + " bytes; message " + guid + " has "
                            + blob.length());
        }
    }

    /** Removes a live record of the UID, if any, and leaves the master's tombstone. */
    private static void expunge(Txn t, MailboxId id, Tombstone ts, Tally tally, EarlierTombstones earlier) {
        Optional<MessageRecord> live = t.message(id, ts.uid());
        live.ifPresent(r -> {
            t.removeMessage(id, r, 0);
            tally.add(r, -1);
        });
        // A UID expunged again under a new MODSEQ (a split-brain reconciliation) keeps one tombstone.
        if (live.isEmpty()) {
            Long before = earlier.modSeqOf(ts.uid());
            if (before != null && before != ts.modSeq()) {
                t.delete(Table.MODSEQ, Keys.modSeq(id, before, ts.uid()));
                tally.changed = true;
            }
        }
        Guid guid =
                ts.guid() != null ? ts.guid() : live.map(MessageRecord::guid).orElse(null);
        byte[] key = Keys.modSeq(id, ts.modSeq(), ts.uid());
        byte[] existing = t.payload(Table.MODSEQ, key);
        if (existing != null && Arrays.equals(existing, ModSeqEntry.expunged(guid))) return;
        t.putTombstone(id, ts.modSeq(), ts.uid(), guid);
        tally.changed = true;
    }

    private static ApplyResult deleteMailbox(Txn t, MailboxId id) {
        t.mailbox(id).ifPresent(row -> FolderWrites.deleteWithContents(t, row));
        return ApplyResult.Applied.NO_STATE;
    }

    // --- accounts ---

    /** Makes the account exist with this address and exactly these subscriptions; no folders are made. */
    private static ApplyResult account(Txn t, AccountState target) {
        long id = target.accountId();
        if (id <= 0) return failed("bad account id " + id);
        Optional<Long> holder = t.accountIdOf(target.address());
        if (holder.isPresent() && holder.get() != id) {
            return failed("address " + target.address() + " belongs to account " + holder.get() + " here");
        }
        Optional<AccountRow> row = t.account(id);
        if (row.isEmpty()) {
            t.put(new AccountRow(id, target.address(), 0, 0));
            t.seal(Table.ACCOUNT_NAMES, Keys.address(target.address()), Keys.account(id));
        } else if (!row.get().address().equals(target.address())) {
            AccountRow old = row.get();
            t.delete(Table.ACCOUNT_NAMES, Keys.address(old.address()));
            t.put(new AccountRow(id, target.address(), old.usageBytes(), old.usageMessages()));
            t.seal(Table.ACCOUNT_NAMES, Keys.address(target.address()), Keys.account(id));
        }
        Set<MailboxName> current = t.subscriptions(id);
        for (MailboxName name : current) {
            if (!target.subscriptions().contains(name)) FolderWrites.subscribe(t, id, name, false);
        }
        for (MailboxName name : target.subscriptions()) {
            if (!current.contains(name)) FolderWrites.subscribe(t, id, name, true);
        }
        return ApplyResult.Applied.NO_STATE;
    }

    private static ApplyResult failed(String reason) {
        return new ApplyResult.Failed(reason);
    }
}
