package org.slotmail.sync.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.sync.compare.AccountDecision;
import org.slotmail.sync.compare.ApplyCheck;
import org.slotmail.sync.compare.FullComparison;
import org.slotmail.sync.compare.MailboxComparison;
import org.slotmail.sync.compare.MailboxDecision;
import org.slotmail.sync.protocol.ErrorCode;
import org.slotmail.sync.protocol.MessageCodec;
import org.slotmail.sync.protocol.RemoteFailure;

/**
 * Makes a set of mailboxes and accounts on a replica equal the master's, in rounds: compare
 * states, read what the replica lacks from the master, send the blobs it lacks, then the updates,
 * and check what it answered. A mailbox whose name is held there by another joins with that
 * other; one whose sync CRC disagrees after the update is compared record by record in the next
 * round. What still fails is reported, not retried here: the caller decides when to try again.
 *
 * <p>An {@link IOException} means the connection failed (or the replica refused the session, e.g.
 * because it is no longer a replica): nothing is known of what the replica applied, and the
 * caller retries everything on a new connection.
 */
final class BatchSync {
    private static final Logger log = LoggerFactory.getLogger(BatchSync.class);
    private static final int MAX_ROUNDS = 6;
    private final ReplicaStore master;
    private final ReplicaSession replica;
    private final UpdateParts.ApplyLimits limits;

    /** What became of the batch. */
    record Outcome(
            Set<MailboxId> confirmedMailboxes,
            Set<Long> confirmedAccounts,
            Map<MailboxId, String> failedMailboxes,
            Map<Long, String> failedAccounts,
            Map<MailboxId, String> diverged,
            int updatesSent) {
        boolean clean() {
            return failedMailboxes.isEmpty() && failedAccounts.isEmpty() && diverged.isEmpty();
        }
    }

    /**
     * @param settings its apply limits: how many messages, of how many bytes, one apply may name.
     *     A frame of small records could name more than a replica stages for one apply (8 MiB of
     *     400-byte records is 20,000 of them); the replica refused the blobs beyond its limit, and
     *     their mailboxes went round again.
     */
    BatchSync(ReplicaStore master, ReplicaSession replica, SyncClientSettings settings) {
        this.master = master;
        this.replica = replica;
        // Room for the Apply's own header and count; updates are measured exactly.
        this.limits = new UpdateParts.ApplyLimits(
                replica.maxFrameBytes() - 1024, settings.applyMessages(), settings.applyMessageBytes());
    }

    /** One update on its way, and what it is for. */
    private record Sent(ReplicaUpdate update, Object key, MailboxState target, boolean lastPart) {}

    Outcome run(Collection<MailboxId> mailboxIds, Collection<Long> accountIds) throws IOException {
        var pending = new LinkedHashSet<>(mailboxIds);
        var accounts = new LinkedHashSet<>(accountIds);
        var confirmedMailboxes = new LinkedHashSet<MailboxId>();
        var confirmedAccounts = new LinkedHashSet<Long>();
        var failedMailboxes = new LinkedHashMap<MailboxId, String>();
        var failedAccounts = new LinkedHashMap<Long, String>();
        var diverged = new LinkedHashMap<MailboxId, String>();
        var compareFully = new HashSet<MailboxId>();
        var lastTrouble = new HashMap<MailboxId, String>();
        int sent = 0;

        for (int round = 1; round <= MAX_ROUNDS && !(pending.isEmpty() && accounts.isEmpty()); round++) {
            Map<MailboxId, MailboxState> masterStates = byId(master.states(pending));
            // The replica's accounts are asked with its mailboxes: those of the queue, and those
            // of every mailbox here (a mailbox created there needs its account first).
            var accountsAsked = new LinkedHashSet<>(accounts);
            for (MailboxState s : masterStates.values()) accountsAsked.add(s.accountId());
            ReplicaSession.Snapshot there = replica.statesAndAccounts(pending, accountsAsked);
            Map<MailboxId, MailboxState> replicaStates = byId(there.mailboxes());
            Map<Long, AccountState> replicaAccounts = new HashMap<>();
            for (AccountState a : there.accounts()) replicaAccounts.put(a.accountId(), a);
            Map<MailboxId, MailboxDecision> decisions =
                    MailboxComparison.decideAll(pending, masterStates, replicaStates);

            var accountIdsNow = new LinkedHashSet<>(accounts);
            for (MailboxDecision d : decisions.values()) {
                if (d instanceof MailboxDecision.Create c)
                    accountIdsNow.add(masterStates.get(c.id()).accountId());
            }
            var accountUpdates = new ArrayList<Sent>();
            var purges = new ArrayList<Sent>();
            for (long id : accountIdsNow) {
                switch (AccountDecision.decide(id, master.account(id), Optional.ofNullable(replicaAccounts.get(id)))) {
                    case AccountDecision.InSync _ -> {
                        if (accounts.remove(id)) confirmedAccounts.add(id);
                    }
                    case AccountDecision.Put p ->
                        accountUpdates.add(new Sent(new ReplicaUpdate.Account(p.target()), id, null, true));
                    case AccountDecision.Purge _ ->
                        purges.add(new Sent(new ReplicaUpdate.PurgeAccount(id), id, null, true));
                }
            }

            var mailboxUpdates = new ArrayList<Sent>();
            var deletes = new ArrayList<Sent>();
            for (MailboxDecision d : decisions.values()) {
                MailboxId id = d.id();
                if (compareFully.contains(id)
                        && (d instanceof MailboxDecision.SendChanges || d instanceof MailboxDecision.InSync)) {
                    d = new MailboxDecision.FullCompare(id, lastTrouble.getOrDefault(id, "sync CRC mismatch"));
                }
                try {
                    switch (d) {
                        case MailboxDecision.Absent _, MailboxDecision.InSync _ -> {
                            pending.remove(id);
                            confirmedMailboxes.add(id);
                        }
                        case MailboxDecision.Diverged(var _, String why) -> {
                            pending.remove(id);
                            diverged.put(id, why);
                        }
                        case MailboxDecision.Delete _ ->
                            deletes.add(new Sent(new ReplicaUpdate.DeleteMailbox(id), id, null, true));
                        case MailboxDecision.Create _ ->
                            changes(id, 0)
                                    .ifPresent(c -> mailboxUpdates.addAll(parts(
                                            new ReplicaUpdate.Mailbox(c.state(), c.records(), c.expunged(), false))));
                        case MailboxDecision.SendChanges(var _, long since) ->
                            // Records below the replica's UIDNEXT are messages it holds: no summaries.
                            master.changesSince(id, since, replicaStates.get(id).uidNext())
                                    .ifPresent(c -> mailboxUpdates.addAll(parts(
                                            new ReplicaUpdate.Mailbox(c.state(), c.records(), c.expunged(), false))));
                        case MailboxDecision.FullCompare(var _, String why) -> {
                            log.atInfo()
                                    .setMessage("comparing a mailbox record by record")
                                    .addKeyValue("mailbox", id)
                                    .addKeyValue("why", why)
                                    .log();
                            Optional<MailboxChanges> whole = changes(id, 0);
                            if (whole.isPresent()) {
                                var update = FullComparison.plan(whole.get(), replica.changesSince(id, 0));
                                mailboxUpdates.addAll(parts(update));
                            }
                        }
                    }
                } catch (MailboxException e) {
                    // The master cannot read this one (damage, I/O): it fails alone.
                    pending.remove(id);
                    failedMailboxes.put(id, "cannot read it on the master: " + e.getMessage());
                }
            }

            // Accounts first (mailboxes need them), then mailboxes, then deletions (the replica
            // frees a name held by a mailbox a later update deletes), then purges.
            var all = new ArrayList<Sent>();
            all.addAll(accountUpdates);
            all.addAll(mailboxUpdates);
            all.addAll(deletes);
            all.addAll(purges);
            if (all.isEmpty()) continue;
            sent += all.size();

            Map<Object, ApplyResult> outcome = new HashMap<>();
            Map<Object, String> blobTrouble = new HashMap<>();
            for (List<Sent> frame : frames(all)) send(frame, outcome, blobTrouble);

            for (Sent s : all) {
                if (s.update() instanceof ReplicaUpdate.Mailbox && !s.lastPart()) continue;
                ApplyResult result = outcome.get(s.key());
                switch (s.key()) {
                    case MailboxId id -> {
                        if (s.target() == null) {
                            // A deletion.
                            if (result instanceof ApplyResult.Failed(String reason)) {
                                pending.remove(id);
                                failedMailboxes.put(id, reason);
                            } else {
                                pending.remove(id);
                                confirmedMailboxes.add(id);
                            }
                            continue;
                        }
                        switch (ApplyCheck.of(s.target(), result)) {
                            case ApplyCheck.Confirmed _ -> {
                                pending.remove(id);
                                compareFully.remove(id);
                                confirmedMailboxes.add(id);
                            }
                            case ApplyCheck.Mismatch(String why) -> {
                                compareFully.add(id);
                                lastTrouble.put(id, why);
                            }
                            case ApplyCheck.NameTaken(MailboxId holder) -> {
                                lastTrouble.put(id, "its name is held on the replica by mailbox " + holder);
                                // The holder joins the batch right after this mailbox: the replica
                                // frees a name when a later update of the same apply renames or
                                // deletes its holder.
                                var reordered = new LinkedHashSet<MailboxId>();
                                reordered.add(id);
                                reordered.add(holder);
                                reordered.addAll(pending);
                                pending.clear();
                                pending.addAll(reordered);
                            }
                            case ApplyCheck.Failed(String reason) -> {
                                pending.remove(id);
                                failedMailboxes.put(id, blobTrouble.getOrDefault(id, reason));
                            }
                        }
                    }
                    case Long accountId -> {
                        accounts.remove(accountId);
                        if (result instanceof ApplyResult.Failed(String reason)) failedAccounts.put(accountId, reason);
                        else confirmedAccounts.add(accountId);
                    }
                    default -> throw new IllegalStateException("unknown key " + s.key());
                }
            }
        }
        for (MailboxId id : pending) {
            failedMailboxes.put(
                    id, "not in step after " + MAX_ROUNDS + " rounds: " + lastTrouble.getOrDefault(id, "?"));
        }
        for (long id : accounts) failedAccounts.put(id, "not in step after " + MAX_ROUNDS + " rounds");
        return new Outcome(confirmedMailboxes, confirmedAccounts, failedMailboxes, failedAccounts, diverged, sent);
    }

    /** The blobs a frame's records need that the replica lacks, then the frame's updates. */
    private void send(List<Sent> frame, Map<Object, ApplyResult> outcome, Map<Object, String> blobTrouble)
            throws IOException {
        var needs = new LinkedHashMap<Guid, List<Object>>();
        for (Sent s : frame) {
            if (s.update() instanceof ReplicaUpdate.Mailbox m) {
                for (ReplicatedMessage rm : m.put()) {
                    needs.computeIfAbsent(rm.record().guid(), g -> new ArrayList<>())
                            .add(s.key());
                }
            }
        }
        Set<Guid> missing = needs.isEmpty() ? Set.of() : replica.missingBlobs(needs.keySet());
        List<ApplyResult> results;
        try {
            ReplicaSession.Delivery delivery = replica.putAndApply(
                    missing,
                    BlobSource.of(master),
                    frame.stream().map(Sent::update).toList());
            var refused = delivery.refusedBlobs();
            if (!refused.isEmpty()) {
                // One line per frame: a replica at its limits refuses thousands at once.
                var first = refused.entrySet().iterator().next();
                log.atWarn()
                        .setMessage("messages could not be sent to the replica")
                        .addKeyValue("count", refused.size())
                        .addKeyValue("guid", first.getKey())
                        .addKeyValue("reason", first.getValue())
                        .log();
            }
            refused.forEach((guid, why) -> {
                for (Object key : needs.get(guid)) blobTrouble.putIfAbsent(key, "message " + guid + ": " + why);
            });
            results = delivery.results();
        } catch (RemoteFailure e) {
            if (e.code() == ErrorCode.TOO_LARGE || e.code() == ErrorCode.LIMIT || e.code() == ErrorCode.STORE) {
                // The replica could not take this frame; its updates fail, the session goes on.
                for (Sent s : frame) outcome.putIfAbsent(s.key(), new ApplyResult.Failed(e.getMessage()));
                return;
            }
            throw e;
        }
        for (int i = 0; i < frame.size(); i++) {
            Sent s = frame.get(i);
            ApplyResult r = results.get(i);
            // The first failure of a split update stands for the whole; otherwise the last part's result.
            ApplyResult before = outcome.get(s.key());
            if (before == null || before instanceof ApplyResult.Applied) outcome.put(s.key(), r);
        }
    }

    private Optional<MailboxChanges> changes(MailboxId id, long since) {
        return master.changesSince(id, since);
    }

    private List<Sent> parts(ReplicaUpdate.Mailbox update) {
        List<ReplicaUpdate.Mailbox> parts = UpdateParts.split(update, limits);
        var sent = new ArrayList<Sent>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            sent.add(new Sent(parts.get(i), update.target().id(), update.target(), i == parts.size() - 1));
        }
        return sent;
    }

    /** Consecutive frames within the apply limits; every part fits one alone (UpdateParts). */
    private List<List<Sent>> frames(List<Sent> all) {
        var frames = new ArrayList<List<Sent>>();
        var frame = new ArrayList<Sent>();
        long size = 0, messages = 0, messageBytes = 0;
        for (Sent s : all) {
            int n = MessageCodec.encodedSize(s.update());
            int m = s.update() instanceof ReplicaUpdate.Mailbox mb ? mb.put().size() : 0;
            long b = UpdateParts.messageBytes(s.update());
            if (!frame.isEmpty()
                    && (size + n > limits.frameBytes()
                            || messages + m > limits.messages()
                            || messageBytes + b > limits.messageBytes())) {
                frames.add(frame);
                frame = new ArrayList<>();
                size = 0;
                messages = 0;
                messageBytes = 0;
            }
            frame.add(s);
            size += n;
            messages += m;
            messageBytes += b;
        }
        if (!frame.isEmpty()) frames.add(frame);
        return frames;
    }

    private static Map<MailboxId, MailboxState> byId(List<MailboxState> states) {
        var map = new HashMap<MailboxId, MailboxState>();
        for (MailboxState s : states) map.put(s.id(), s);
        return map;
    }
}
