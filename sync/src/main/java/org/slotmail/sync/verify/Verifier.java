package org.slotmail.sync.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailReplica;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;
import org.slotmail.sync.reconcile.Reconciler;

/**
 * Compares a replica with its master: every account, every mailbox's state, every record
 * (UID, MODSEQ, flags, dates, size, GUID, summary), every tombstone, and the bytes of every
 * message on both sides re-hashed. With repair, a replica mailbox that merely lags or is damaged
 * is overwritten from the master; one holding messages the master never had is reconciled
 * instead, so repair never loses mail.
 */
public final class Verifier {
    private final MailReplica master;
    private final MailReplica replica;

    /** How far the comparison is: accounts done of all, for a progress bar. */
    public record Progress(int accountsDone, int accounts, long messagesChecked) {}

    /** What a run found (and, with repair, what it did). */
    public record Report(
            int accounts, int mailboxes, long messages, long blobs, List<Difference> differences, int repaired) {
        public boolean clean() {
            return differences.isEmpty();
        }
    }

    private static final int SETTLE_ATTEMPTS = 5;

    public Verifier(MailReplica master, MailReplica replica) {
        this.master = master;
        this.replica = replica;
    }

    public Report run(boolean repair, Consumer<Progress> progress) {
        var accountIds = new TreeSet<Long>();
        master.accounts().forEach(a -> accountIds.add(a.accountId()));
        replica.accounts().forEach(a -> accountIds.add(a.accountId()));
        var differences = new ArrayList<Difference>();
        var checkedBlobs = new HashMap<Guid, Boolean>();
        int done = 0, mailboxes = 0, repaired = 0;
        long messages = 0;
        for (long accountId : accountIds) {
            var found = new ArrayList<Difference>();
            Optional<AccountState> ma = master.account(accountId), ra = replica.account(accountId);
            if (!ma.equals(ra)) found.add(new Difference.AccountDiffers(accountId, describe(ma, ra)));
            Map<MailboxId, MailboxState> mm = byId(master.mailboxesOf(accountId));
            Map<MailboxId, MailboxState> rm = byId(replica.mailboxesOf(accountId));
            var toOverwrite = new ArrayList<MailboxId>();
            boolean divergent = false;
            for (MailboxState s : mm.values()) {
                mailboxes++;
                if (!rm.containsKey(s.id())) {
                    found.add(new Difference.MailboxMissing(
                            accountId, s.id(), s.name().value()));
                    toOverwrite.add(s.id());
                    continue;
                }
                // A running master keeps changing: a mailbox that differs is compared again a few
                // times (replication lag is milliseconds) before it counts as different.
                List<Difference> diff = List.of();
                MailboxChanges a = null, b = null;
                for (int attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
                    if (attempt > 0) pause();
                    a = whole(master, s.id());
                    Optional<MailboxChanges> onReplica = replica.changesSince(s.id(), 0);
                    if (onReplica.isEmpty()) {
                        diff = List.of(new Difference.MailboxMissing(
                                accountId, s.id(), s.name().value()));
                        continue;
                    }
                    b = onReplica.get();
                    diff = new ArrayList<>();
                    compare(accountId, a, b, diff);
                    if (diff.isEmpty()) break;
                }
                messages += a.records().size();
                found.addAll(diff);
                if (b != null) checkBlobs(a, b, checkedBlobs, found);
                if (!diff.isEmpty()) {
                    if (b != null && holdsWhatMasterLacks(a, b)) divergent = true;
                    else toOverwrite.add(s.id());
                }
            }
            for (MailboxState s : rm.values()) {
                if (mm.containsKey(s.id())) continue;
                found.add(
                        new Difference.MailboxExtra(accountId, s.id(), s.name().value()));
                if (whole(replica, s.id()).records().isEmpty()) toOverwrite.add(s.id());
                else divergent = true; // mail only the replica has: reconcile, never delete
            }
            differences.addAll(found);
            if (repair && !found.isEmpty()) repaired += repair(accountId, ma, toOverwrite, divergent);
            progress.accept(new Progress(++done, accountIds.size(), messages));
        }
        return new Report(accountIds.size(), mailboxes, messages, checkedBlobs.size(), differences, repaired);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Optional<AccountState> m, Optional<AccountState> r) {
        if (r.isEmpty()) return "missing on the replica";
        if (m.isEmpty()) return "exists only on the replica";
        if (!m.get().address().equals(r.get().address()))
            return "address " + r.get().address() + " on the replica, "
                    + m.get().address() + " on the master";
        return "subscriptions differ: replica " + r.get().subscriptions() + ", master "
                + m.get().subscriptions();
    }

    private static void compare(long accountId, MailboxChanges a, MailboxChanges b, List<Difference> found) {
        MailboxState x = a.state(), y = b.state();
        String name = x.name().value();
        if (!x.name().equals(y.name())) add(found, accountId, x, "named " + y.name() + " on the replica");
        if (x.uidValidity() != y.uidValidity())
            add(
                    found,
                    accountId,
                    x,
                    "UIDVALIDITY " + y.uidValidity() + " on the replica, " + x.uidValidity() + " here");
        if (x.uidNext() != y.uidNext())
            add(found, accountId, x, "UIDNEXT " + y.uidNext() + " on the replica, " + x.uidNext() + " on the master");
        if (x.highestModSeq() != y.highestModSeq())
            add(
                    found,
                    accountId,
                    x,
                    "HIGHESTMODSEQ " + y.highestModSeq() + " on the replica, " + x.highestModSeq() + " on the master");
        if (x.syncCrc() != y.syncCrc()) add(found, accountId, x, "sync CRC differs");
        if (!x.specialUse().equals(y.specialUse())) add(found, accountId, x, "special use differs");
        Map<Long, ReplicatedMessage> mr = records(a), rr = records(b);
        for (var e : mr.entrySet()) {
            ReplicatedMessage other = rr.get(e.getKey());
            if (other == null) add(found, accountId, x, "UID " + e.getKey() + " missing on the replica");
            else if (!e.getValue().record().equals(other.record()))
                add(found, accountId, x, "UID " + e.getKey() + " differs: " + other.record() + " on the replica");
            else if (!Arrays.equals(e.getValue().summary(), other.summary()))
                add(found, accountId, x, "UID " + e.getKey() + " has a different summary on the replica");
        }
        for (long uid : rr.keySet())
            if (!mr.containsKey(uid)) add(found, accountId, x, "UID " + uid + " only on the replica");
        if (!new LinkedHashSet<>(a.expunged()).equals(new LinkedHashSet<>(b.expunged())))
            add(found, accountId, x, "expunged UIDs (tombstones) differ");
        assert name != null;
    }

    private static void add(List<Difference> found, long accountId, MailboxState s, String detail) {
        found.add(new Difference.MailboxDiffers(accountId, s.id(), s.name().value(), detail));
    }

    /** Re-hashes each message's bytes on both sides, once per GUID per run. */
    private void checkBlobs(MailboxChanges a, MailboxChanges b, Map<Guid, Boolean> checked, List<Difference> found) {
        var guids = new LinkedHashSet<Guid>();
        a.records().forEach(x -> guids.add(x.record().guid()));
        b.records().forEach(x -> guids.add(x.record().guid()));
        for (Guid g : guids) {
            if (checked.containsKey(g)) continue;
            boolean ok = true;
            for (var side : List.of(Map.entry("master", master), Map.entry("replica", replica))) {
                Optional<String> damage = hashCheck(side.getValue(), g);
                if (damage.isPresent()) {
                    ok = false;
                    found.add(new Difference.BlobDamaged(g, side.getKey(), damage.get()));
                }
            }
            checked.put(g, ok);
        }
    }

    /** Reads the bytes through the store's checked stream, which fails when their SHA-256 is not the GUID. */
    private static Optional<String> hashCheck(MailReplica side, Guid g) {
        if (!side.missingBlobs(Set.of(g)).isEmpty()) return Optional.of("missing");
        try (InputStream in = side.blob(g)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("damaged: " + e.getMessage());
        }
    }

    /** Whether the replica's copy holds a message the master never had: a live UID the master has no record of. */
    private static boolean holdsWhatMasterLacks(MailboxChanges master, MailboxChanges replica) {
        Map<Long, ReplicatedMessage> mr = records(master);
        Map<Long, Tombstone> mt = new HashMap<>();
        master.expunged().forEach(t -> mt.put(t.uid(), t));
        for (ReplicatedMessage x : replica.records()) {
            long uid = x.record().uid();
            ReplicatedMessage m = mr.get(uid);
            Tombstone t = mt.get(uid);
            boolean known = (m != null && m.record().guid().equals(x.record().guid()))
                    || (t != null && x.record().guid().equals(t.guid()));
            if (!known) return true;
            if (m != null && x.record().modSeq() > m.record().modSeq())
                return true; // a flag change the master never saw
        }
        return replica.state().highestModSeq() > master.state().highestModSeq();
    }

    private int repair(long accountId, Optional<AccountState> account, List<MailboxId> overwrite, boolean divergent) {
        int repaired = 0;
        if (divergent) {
            new Reconciler(master, replica).reconcile(accountId);
            repaired++;
        }
        var updates = new ArrayList<ReplicaUpdate>();
        account.ifPresent(a -> updates.add(new ReplicaUpdate.Account(a)));
        var guids = new LinkedHashSet<Guid>();
        for (MailboxId id : overwrite) {
            Optional<MailboxChanges> m = master.changesSince(id, 0);
            if (m.isEmpty()) {
                updates.add(new ReplicaUpdate.DeleteMailbox(id));
                continue;
            }
            m.get().records().forEach(x -> guids.add(x.record().guid()));
            updates.add(new ReplicaUpdate.Mailbox(
                    m.get().state(), m.get().records(), m.get().expunged(), true));
        }
        var staged = new ArrayList<StagedMessage>();
        try {
            for (Guid g : replica.missingBlobs(guids)) {
                try (InputStream in = master.blob(g)) {
                    staged.add(replica.receiveBlob(g, in, master.blobSize(g)));
                }
            }
            for (ApplyResult r : replica.apply(updates, staged, false)) {
                if (r instanceof ApplyResult.Applied) repaired++;
                else throw new IllegalStateException("repair of account " + accountId + " failed: " + r);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("copying message bytes to the replica failed", e);
        } finally {
            staged.forEach(StagedMessage::close);
        }
        return repaired;
    }

    private static MailboxChanges whole(MailReplica side, MailboxId id) {
        return side.changesSince(id, 0).orElseThrow(() -> new IllegalStateException("mailbox " + id + " vanished"));
    }

    private static Map<MailboxId, MailboxState> byId(List<MailboxState> states) {
        var out = new java.util.LinkedHashMap<MailboxId, MailboxState>();
        states.forEach(s -> out.put(s.id(), s));
        return out;
    }

    private static Map<Long, ReplicatedMessage> records(MailboxChanges c) {
        var out = new java.util.TreeMap<Long, ReplicatedMessage>();
        c.records().forEach(x -> out.put(x.record().uid(), x));
        return out;
    }
}
