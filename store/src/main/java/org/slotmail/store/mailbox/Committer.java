package org.slotmail.store.mailbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.blob.SegmentStore;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.ChangeEntry;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.RecordCorruptedException;

/**
 * Group commit without a commit thread. Writers queue their work; whichever writer finds no
 * commit in progress leads: it takes everything queued, runs each piece against one batch with
 * its own save point, syncs the segments the pieces appended to, commits the batch with a synced
 * WAL, and only then answers every writer of the group. Writers that arrive meanwhile wait; when
 * the leader is done it wakes the first of them, which leads the next group with everything that
 * queued up behind the sync. So a delivery that leads pays no hand-off to another thread and
 * back, and one that waits is woken once, with its answer or to lead. A failing piece is rolled
 * back alone. Channel-queue entries for every changed mailbox are written in the same batch as
 * the change.
 */
final class Committer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Committer.class);
    private static final int MAX_GROUP = 512;

    private final KvStore kv;
    private final SegmentStore segments;
    private final Listeners listeners;
    private final Clock clock;
    private final List<String> channels;
    private final long[] channelSeq;
    private final ConcurrentLinkedQueue<Job<?>> queue = new ConcurrentLinkedQueue<>();
    private final java.util.function.Consumer<List<org.slotmail.mailbox.Guid>> journaled;
    /** Held by the leader for a whole group; guards {@link #closed} and the channel sequences. */
    private final ReentrantLock leading = new ReentrantLock();

    private boolean closed;
    private volatile boolean closing;

    private static final class Job<T> {
        final Function<Txn, T> work;
        final Thread waiter = Thread.currentThread();
        T result;
        RuntimeException failure;
        /** Written last, after the result or failure, so a waiter that sees it true sees them. */
        volatile boolean done;

        Job(Function<Txn, T> work) {
            this.work = work;
        }

        void succeed() {
            done = true;
            wake();
        }

        void fail(RuntimeException e) {
            failure = e;
            done = true;
            wake();
        }

        void wake() {
            if (waiter != Thread.currentThread()) LockSupport.unpark(waiter);
        }
    }

    /** @param journaled told, after each commit, which GUIDs it journaled (to trim them later) */
    Committer(
            KvStore kv,
            SegmentStore segments,
            Listeners listeners,
            List<String> channels,
            Clock clock,
            java.util.function.Consumer<List<org.slotmail.mailbox.Guid>> journaled) {
        this.kv = kv;
        this.journaled = journaled;
        this.segments = segments;
        this.listeners = listeners;
        this.clock = clock;
        this.channels = List.copyOf(channels);
        this.channelSeq = new long[channels.size()];
        try (var reader = kv.reader()) {
            for (int i = 0; i < channels.size(); i++) {
                byte[] prefix = Keys.channelPrefix(channels.get(i));
                byte[] last = reader.lastKey(Table.CHANNELS, prefix, Keys.after(prefix));
                channelSeq[i] = last == null ? 1 : Keys.channelSeqOf(last) + 1;
            }
        }
    }

    /**
     * Runs {@code work} in the next group commit, on this thread if no commit is in progress;
     * returns once its writes are durable. An interrupt does not cut the wait short (the write
     * may commit either way, and the caller is told which); it stays set for the caller.
     */
    <T> T run(Function<Txn, T> work) {
        if (closing) throw new MailboxException(Reason.UNAVAILABLE, "store is shutting down");
        var job = new Job<>(work);
        queue.add(job);
        boolean interrupted = false;
        while (!job.done) {
            if (leading.tryLock()) {
                try {
                    lead();
                } finally {
                    leading.unlock();
                }
                // Writers that queued while we led saw the lock held and wait; one of them leads
                // next. Checked after unlocking: a writer that queued later finds the lock free.
                wakeNextLeader();
            } else {
                LockSupport.park(this);
                if (Thread.interrupted()) interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (job.failure != null) throw job.failure;
        return job.result;
    }

    /** Writes queued and not yet taken into a group (tests use this). */
    int waiting() {
        return queue.size();
    }

    private void wakeNextLeader() {
        Job<?> next = queue.peek();
        if (next != null) next.wake();
    }

    /** Commits one group of what is queued. Called with {@link #leading} held. */
    private void lead() {
        var group = new ArrayList<Job<?>>();
        for (Job<?> j; group.size() < MAX_GROUP && (j = queue.poll()) != null; ) group.add(j);
        if (group.isEmpty()) return;
        if (closed) {
            for (Job<?> j : group) j.fail(new MailboxException(Reason.UNAVAILABLE, "store is shutting down"));
            return;
        }
        try {
            commitGroup(group);
        } finally {
            // Whatever went wrong, no writer of this group may be left waiting for ever.
            for (Job<?> j : group) {
                if (!j.done) j.fail(new MailboxException(Reason.STORAGE_FAILURE, "commit failed"));
            }
        }
    }

    private void commitGroup(List<Job<?>> group) {
        Set<MailboxId> changed = new LinkedHashSet<>();
        var succeeded = new ArrayList<Job<?>>();
        Txn txn;
        try (KvStore.Batch batch = kv.batch()) {
            txn = new Txn(batch, clock.instant());
            for (Job<?> job : group) {
                batch.setSavePoint();
                try {
                    runOne(job, txn);
                    writeChannelEntries(txn);
                    batch.popSavePoint();
                    changed.addAll(txn.touchedMailboxes);
                    succeeded.add(job);
                } catch (RuntimeException e) {
                    batch.rollbackToSavePoint();
                    job.fail(e);
                } finally {
                    txn.touchedMailboxes.clear();
                    txn.touchedAccounts.clear();
                }
            }
            // Durability order: message bytes first, then the metadata that points at them. Bytes
            // of small messages travel in this very batch (the journal), so only large ones
            // make the commit sync the segments first.
            if (txn.needsSegmentSync) segments.syncDirty();
            if (!batch.isEmpty()) kv.commit(batch, true);
        } catch (RuntimeException | Error e) {
            log.atError().setCause(e).log("group commit failed; {} writes refused", succeeded.size());
            var failure = e instanceof RecordCorruptedException
                    ? new MailboxException(Reason.CORRUPTED, "stored data is damaged", e)
                    : new MailboxException(Reason.STORAGE_FAILURE, "could not make the change durable", e);
            for (Job<?> job : group) {
                if (!job.done) job.fail(failure);
            }
            return;
        }
        if (!txn.journaled.isEmpty()) journaled.accept(List.copyOf(txn.journaled));
        for (Job<?> job : succeeded) job.succeed();
        for (MailboxId id : changed) listeners.fire(id);
    }

    private static <T> void runOne(Job<T> job, Txn txn) {
        job.result = job.work.apply(txn);
    }

    private void writeChannelEntries(Txn txn) {
        if (channels.isEmpty()) return;
        long at = txn.now.toEpochMilli();
        for (int i = 0; i < channels.size(); i++) {
            for (MailboxId id : txn.touchedMailboxes) {
                byte[] key = Keys.channel(channels.get(i), channelSeq[i]++);
                txn.seal(Table.CHANNELS, key, new ChangeEntry.MailboxChanged(id, at).encode());
            }
            for (long account : txn.touchedAccounts) {
                byte[] key = Keys.channel(channels.get(i), channelSeq[i]++);
                txn.seal(Table.CHANNELS, key, new ChangeEntry.AccountChanged(account, at).encode());
            }
        }
    }

    /** Finishes every queued write; later ones are refused. */
    @Override
    public void close() {
        closing = true;
        leading.lock();
        try {
            while (!queue.isEmpty()) lead();
            closed = true;
        } finally {
            leading.unlock();
        }
        // A writer that queued just as we closed refuses its own work when it leads.
        wakeNextLeader();
    }
}
