package org.slotmail.store.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.record.ChangeEntry;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;

/**
 * A sync client in miniature, for tests: drains a master's channel into a replica in-process,
 * through {@link ReplicaStore} alone (states, changes since the replica's HIGHESTMODSEQ, missing
 * blobs, apply; a full update when the sync CRC disagrees; holders of a wanted name added to the
 * batch when the replica answers NameTaken).
 */
final class ChannelDrain {
    private final ReplicaStore master;
    private final String channel;
    private final ReplicaStore replica;
    /** Mailboxes whose state after an incremental update differed from the master's. */
    int mismatches;
    /** Updates the replica answered NameTaken. */
    int namesTaken;
    /** Updates applied. */
    int applied;

    ChannelDrain(ReplicaStore master, String channel, ReplicaStore replica) {
        this.master = master;
        this.channel = channel;
        this.replica = replica;
    }

    /** Drains the whole channel, {@code batch} entries at a time. */
    void drain(int batch) {
        while (true) {
            var entries = master.pending(channel, batch);
            if (entries.isEmpty()) return;
            var accounts = new LinkedHashSet<Long>();
            var mailboxes = new LinkedHashSet<MailboxId>();
            for (var q : entries) {
                switch (q.change()) {
                    case ChangeEntry.MailboxChanged m -> mailboxes.add(m.mailbox());
                    case ChangeEntry.AccountChanged a -> accounts.add(a.accountId());
                }
            }
            replicate(accounts, mailboxes, false);
            master.acknowledge(channel, entries.getLast().seq());
        }
    }

    /** Makes these accounts and mailboxes on the replica match the master's (full: record by record). */
    void replicate(Collection<Long> accounts, Collection<MailboxId> mailboxes, boolean full) {
        var staged = new ArrayList<StagedMessage>();
        try {
            var updates = new ArrayList<ReplicaUpdate>();
            for (long a : accounts) {
                updates.add(master.account(a)
                        .<ReplicaUpdate>map(ReplicaUpdate.Account::new)
                        .orElse(new ReplicaUpdate.PurgeAccount(a)));
            }
            for (MailboxId id : mailboxes) {
                // A mailbox of an account the replica lacks (its entry parked, or in a later batch) needs it first.
                long owner = master.states(List.of(id)).stream()
                        .mapToLong(MailboxState::accountId)
                        .findFirst()
                        .orElse(0);
                if (owner > 0
                        && !accounts.contains(owner)
                        && replica.account(owner).isEmpty()) {
                    master.account(owner).ifPresent(a -> updates.addFirst(new ReplicaUpdate.Account(a)));
                }
                updates.add(update(id, full, staged));
            }
            List<ReplicaUpdate> batch = updates;
            for (int round = 0; !batch.isEmpty(); round++) {
                if (round == 20) throw new AssertionError("names never settled: " + batch);
                batch = applyOnce(batch, staged);
            }
        } finally {
            staged.forEach(StagedMessage::close);
        }
    }

    /** Applies a batch; returns what must go again (name holders, full comparisons). */
    private ArrayList<ReplicaUpdate> applyOnce(List<ReplicaUpdate> updates, List<StagedMessage> staged) {
        List<ApplyResult> results = replica.apply(updates, staged, false);
        var again = new ArrayList<ReplicaUpdate>();
        var holders = new LinkedHashSet<MailboxId>();
        for (int i = 0; i < updates.size(); i++) {
            ReplicaUpdate u = updates.get(i);
            switch (results.get(i)) {
                case ApplyResult.Applied a
                when u instanceof ReplicaUpdate.Mailbox m && !same(a.after(), m.target()) -> {
                    if (m.full()) throw new AssertionError("full update left " + a.after() + ", not " + m.target());
                    mismatches++;
                    again.add(update(m.target().id(), true, staged));
                }
                case ApplyResult.Applied a -> applied++;
                case ApplyResult.NameTaken t -> {
                    namesTaken++;
                    again.add(u);
                    holders.add(t.holder());
                }
                case ApplyResult.Failed f -> throw new AssertionError("replica refused " + u + ": " + f.reason());
            }
        }
        for (MailboxId h : holders) again.add(update(h, false, staged));
        return again;
    }

    private static boolean same(MailboxState replica, MailboxState master) {
        return replica.equals(master);
    }

    private ReplicaUpdate update(MailboxId id, boolean full, List<StagedMessage> staged) {
        if (master.states(List.of(id)).isEmpty()) return new ReplicaUpdate.DeleteMailbox(id);
        long since = full
                ? 0
                : replica.states(List.of(id)).stream()
                        .mapToLong(MailboxState::highestModSeq)
                        .findFirst()
                        .orElse(0);
        var changes = master.changesSince(id, since).orElseThrow();
        var guids = changes.records().stream()
                .map(ReplicatedMessage::record)
                .map(r -> r.guid())
                .toList();
        for (Guid g : replica.missingBlobs(guids)) {
            if (staged.stream().anyMatch(s -> s.guid().equals(g))) continue;
            try (InputStream in = master.blob(g)) {
                staged.add(replica.receiveBlob(g, in, master.blobSize(g)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ReplicaUpdate.Mailbox(changes.state(), changes.records(), changes.expunged(), full);
    }
}
