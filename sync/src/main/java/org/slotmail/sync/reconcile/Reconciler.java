package org.slotmail.sync.reconcile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailReplica;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;

/**
 * Carries out split-brain reconciliation of one account between the master and a rejoining
 * replica that took writes the master never saw: decides per mailbox ({@link AccountMerge}),
 * merges messages ({@link MailboxMerge}), copies the bytes of messages only the replica had to the
 * master first, then writes the outcome on the master (queued for every channel, like any change)
 * and on the replica. Subscriptions end as the union of both sides'.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final MailReplica master;
    private final MailReplica replica;

    /** What reconciling one account changed, for the report. */
    public record Report(long accountId, int mailboxesMerged, int mailboxesAdopted, int messagesRenumbered) {}

    public Reconciler(MailReplica master, MailReplica replica) {
        this.master = master;
        this.replica = replica;
    }

    /** Reconciles every account either side has. */
    public List<Report> reconcileAll() {
        var ids = new TreeSet<Long>();
        master.accounts().forEach(a -> ids.add(a.accountId()));
        replica.accounts().forEach(a -> ids.add(a.accountId()));
        var reports = new ArrayList<Report>();
        for (long id : ids) reports.add(reconcile(id));
        return reports;
    }

    public Report reconcile(long accountId) {
        reconcileAccount(accountId);
        List<MailboxState> masterBefore = master.mailboxesOf(accountId);
        var decisions = AccountMerge.decide(
                masterBefore,
                replica.mailboxesOf(accountId),
                master.deletedMailboxes(accountId),
                replica.deletedMailboxes(accountId));
        int merged = 0, adopted = 0, renumbered = 0;
        var onMaster = new ArrayList<ReplicaUpdate>();
        var onReplica = new ArrayList<ReplicaUpdate>();
        var fromReplica = new TreeSet<Guid>();
        for (AccountMerge.Decision d : decisions) {
            switch (d) {
                case AccountMerge.Decision.Merge(var id) -> {
                    var outcome = MailboxMerge.merge(whole(master, id), whole(replica, id));
                    add(outcome, onMaster, onReplica, fromReplica);
                    renumbered += renumberedBy(outcome);
                    merged++;
                }
                case AccountMerge.Decision.Send(var id) -> {
                    MailboxChanges whole = whole(master, id);
                    onReplica.add(new ReplicaUpdate.Mailbox(whole.state(), whole.records(), whole.expunged(), true));
                }
                case AccountMerge.Decision.Adopt(var id, var name) -> {
                    MailboxChanges kept = whole(replica, id);
                    MailboxState s = kept.state();
                    var target = renamed(s, name);
                    onMaster.add(new ReplicaUpdate.Mailbox(target, kept.records(), kept.expunged(), true));
                    if (!name.equals(s.name()))
                        onReplica.add(new ReplicaUpdate.Mailbox(target, List.of(), List.of(), false));
                    kept.records().forEach(x -> fromReplica.add(x.record().guid()));
                    adopted++;
                }
                case AccountMerge.Decision.DeletedOnOneSide(var id, var deleted, var onMasterSide, var name) -> {
                    MailboxChanges kept = whole(onMasterSide ? replica : master, id);
                    MailboxChanges gone = MailboxMerge.asDeleted(deleted, name, kept);
                    var outcome = onMasterSide
                            ? MailboxMerge.merge(gone, renamedSide(kept, name))
                            : MailboxMerge.merge(renamedSide(kept, name), gone);
                    boolean survivors =
                            kept.records().stream().anyMatch(x -> x.record().uid() >= deleted.uidNext());
                    if (!survivors) {
                        // Nothing the deleting side never saw: the deletion stands on both.
                        (onMasterSide ? onReplica : onMaster).add(new ReplicaUpdate.DeleteMailbox(id));
                        continue;
                    }
                    add(outcome, onMaster, onReplica, fromReplica);
                    renumbered += renumberedBy(outcome);
                    adopted++;
                }
                case AccountMerge.Decision.MergeInto(var id, var into) -> {
                    // The replica's own INBOX: its messages join the master's under new UIDs.
                    MailboxChanges theirs = whole(replica, id);
                    MailboxState ours = whole(master, into).state();
                    long modSeq = Math.max(ours.highestModSeq(), theirs.state().highestModSeq()) + 1;
                    long uid = ours.uidNext();
                    var put = new ArrayList<ReplicatedMessage>();
                    for (ReplicatedMessage x : theirs.records()) {
                        var r = x.record();
                        put.add(new ReplicatedMessage(
                                new MessageRecord(
                                        uid++, modSeq, r.flags(), r.internalDate(), r.saveDate(), r.size(), r.guid()),
                                x.summary()));
                        fromReplica.add(r.guid());
                    }
                    var target = new MailboxState(
                            ours.id(),
                            ours.accountId(),
                            ours.name(),
                            ours.uidValidity(),
                            uid,
                            modSeq,
                            0,
                            0,
                            ours.specialUse());
                    onMaster.add(new ReplicaUpdate.Mailbox(target, put, List.of(), false));
                    onReplica.add(new ReplicaUpdate.DeleteMailbox(id));
                    renumbered += put.size();
                    merged++;
                }
            }
        }
        // A live master takes writes meanwhile; an outcome computed from an older state would undo
        // them, so it is given up (and tried again by the caller). What is left is the short
        // window between this read and the apply.
        if (!sameStates(masterBefore, master.mailboxesOf(accountId))) {
            throw new IllegalStateException("the master's mailboxes of account " + accountId
                    + " changed while reconciling; nothing was written, try again");
        }
        // The master first: its outcome is queued for every channel, so the other replicas follow.
        applyWithBytes(master, replica, onMaster, true, "master");
        applyWithBytes(replica, master, onReplica, false, "replica");
        var report = new Report(accountId, merged, adopted, renumbered);
        log.atInfo()
                .addKeyValue("account", accountId)
                .addKeyValue("merged", merged)
                .addKeyValue("adopted", adopted)
                .addKeyValue("renumbered", renumbered)
                .log("reconciled an account after a split brain");
        return report;
    }

    /** Subscriptions: the union of both sides'. The account row itself is the master's. */
    private void reconcileAccount(long accountId) {
        Optional<AccountState> m = master.account(accountId), r = replica.account(accountId);
        if (r.isEmpty()) return;
        var subscriptions = new TreeSet<MailboxName>(r.get().subscriptions());
        m.ifPresent(a -> subscriptions.addAll(a.subscriptions()));
        String address = m.map(AccountState::address).orElse(r.get().address());
        var target = new ReplicaUpdate.Account(new AccountState(accountId, address, subscriptions));
        check(master.apply(List.of(target), List.of(), true), "master");
        check(replica.apply(List.of(target), List.of(), false), "replica");
    }

    /**
     * Applies {@code updates} to {@code target}, first copying from {@code source} the bytes of
     * every message they put that {@code target} lacks (re-hashed on arrival).
     */
    private static void applyWithBytes(
            MailReplica target, MailReplica source, List<ReplicaUpdate> updates, boolean queue, String side) {
        if (updates.isEmpty()) return;
        var guids = new TreeSet<Guid>();
        for (ReplicaUpdate u : updates) {
            if (u instanceof ReplicaUpdate.Mailbox m)
                m.put().forEach(x -> guids.add(x.record().guid()));
        }
        var staged = new ArrayList<StagedMessage>();
        try {
            for (Guid g : target.missingBlobs(guids)) {
                try (InputStream in = source.blob(g)) {
                    staged.add(target.receiveBlob(g, in, source.blobSize(g)));
                }
            }
            check(target.apply(updates, staged, queue), side);
        } catch (IOException e) {
            throw new UncheckedIOException("copying message bytes to the " + side + " failed", e);
        } finally {
            staged.forEach(StagedMessage::close);
        }
    }

    private static void add(
            MailboxMerge.Outcome outcome,
            List<ReplicaUpdate> onMaster,
            List<ReplicaUpdate> onReplica,
            Set<Guid> fromReplica) {
        if (!outcome.changesAnything()) return;
        onMaster.add(outcome.forMaster());
        onReplica.add(outcome.forReplica());
        fromReplica.addAll(outcome.fromReplica());
    }

    private static int renumberedBy(MailboxMerge.Outcome outcome) {
        return outcome.renumbered();
    }

    private static MailboxChanges whole(MailReplica side, org.slotmail.mailbox.MailboxId id) {
        return side.changesSince(id, 0)
                .orElseThrow(() -> new IllegalStateException("mailbox " + id + " vanished while reconciling"));
    }

    private static boolean sameStates(List<MailboxState> a, List<MailboxState> b) {
        return new HashSet<>(a).equals(new HashSet<>(b));
    }

    private static MailboxState renamed(MailboxState s, MailboxName name) {
        return new MailboxState(
                s.id(),
                s.accountId(),
                name,
                s.uidValidity(),
                s.uidNext(),
                s.highestModSeq(),
                s.messages(),
                s.syncCrc(),
                s.specialUse());
    }

    private static MailboxChanges renamedSide(MailboxChanges side, MailboxName name) {
        return new MailboxChanges(renamed(side.state(), name), 0, side.records(), side.expunged());
    }

    private static void check(List<ApplyResult> results, String side) {
        for (ApplyResult r : results) {
            switch (r) {
                case ApplyResult.Applied a -> {}
                case ApplyResult.NameTaken t ->
                    throw new IllegalStateException(
                            "reconciling on the " + side + ": name of " + t.requested() + " held by " + t.holder());
                case ApplyResult.Failed f ->
                    throw new IllegalStateException("reconciling on the " + side + ": " + f.reason());
            }
        }
    }
}
