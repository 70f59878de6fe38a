package org.slotmail.store.mailbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
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
import org.slotmail.store.record.Frame;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.RecordCorruptedException;

/**
 * Group commit. Writers hand in work; one platform thread runs whatever is queued, each piece
 * against the same batch with its own save point, then syncs the segments the pieces appended
 * to, commits the batch with a synced WAL, and only then answers every writer. A failing piece
 * is rolled back alone. Channel-queue entries for every changed mailbox are written in the same
 * batch as the change (unless the work says its changes are not to be queued), numbered without
 * gaps: numbers taken by work that failed, or by a commit that failed, are given again.
 *
 * <p>Why a thread of its own rather than letting a waiting writer lead the commit: RocksDB is
 * native code, so a virtual thread that waits in its WAL sync pins its carrier. Measured on a
 * 2-core machine (docs/benchmarks.md), writers leading saved a context switch per delivery but
 * cost about a tenth of the LMTP throughput: while a sync was in progress only one carrier was
 * left for every session's parsing and network work.
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
    private final LinkedBlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final java.util.function.Consumer<List<org.slotmail.mailbox.Guid>> journaled;
    private final Thread thread;
    private final List<Runnable> wakers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;

    private static final class Job<T> {
        final Function<Txn, T> work;
        final CompletableFuture<T> done = new CompletableFuture<>();
        T result;

        Job(Function<Txn, T> work) {
            this.work = work;
        }
    }

    private static final Job<Void> STOP = new Job<>(t -> null);

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
                long next = last == null ? 1 : Keys.channelSeqOf(last) + 1;
                // An emptied queue keeps counting from where it was acknowledged: a number once
                // given never names another entry, even across restarts.
                byte[] acked = reader.get(Table.META, Keys.channelAcked(channels.get(i)));
                if (acked != null) {
                    byte[] ackedKey = Keys.channelAcked(channels.get(i));
                    next = Math.max(
                            next,
                            java.nio.ByteBuffer.wrap(Frame.open(ackedKey, acked))
                                            .getLong()
                                    + 1);
                }
                channelSeq[i] = next;
            }
        }
        this.thread = Thread.ofPlatform().name("slot-commit").daemon(false).start(this::loop);
    }

    /**
     * Runs {@code work} in the next group commit; returns once its writes are durable. An
     * interrupt does not cut the wait short (the write may commit either way, and the caller is
     * told which); it stays set for the caller.
     */
    <T> T run(Function<Txn, T> work) {
        if (closing) throw new MailboxException(Reason.UNAVAILABLE, "store is shutting down");
        var job = new Job<>(work);
        queue.add(job);
        // Closed meanwhile: the commit thread may be gone. A job still queued is ours to refuse;
        // one already taken is answered by the thread.
        if (closing && queue.remove(job)) {
            throw new MailboxException(Reason.UNAVAILABLE, "store is shutting down");
        }
        try {
            return job.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new MailboxException(Reason.STORAGE_FAILURE, "commit failed", e.getCause());
        }
    }

    /** Calls {@code wake} on the commit thread after every commit that wrote channel entries. */
    AutoCloseable onQueued(Runnable wake) {
        wakers.add(wake);
        return () -> wakers.remove(wake);
    }

    /** Writes queued and not yet taken into a group (tests use this). */
    int waiting() {
        return queue.size();
    }

    private void loop() {
        var group = new ArrayList<Job<?>>();
        while (true) {
            group.clear();
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stop = group.remove(STOP);
            if (!group.isEmpty()) commitOrFail(group);
            if (stop) {
                // Anything queued after the stop marker is refused.
                for (Job<?> j; (j = queue.poll()) != null; ) {
                    j.done.completeExceptionally(new MailboxException(Reason.UNAVAILABLE, "store is shutting down"));
                }
                return;
            }
        }
    }

    private void commitOrFail(List<Job<?>> group) {
        try {
            commitGroup(group);
        } catch (RuntimeException | Error e) {
            log.atError().setCause(e).log("group commit failed unexpectedly");
        } finally {
            // Whatever went wrong, no writer of this group may be left waiting for ever.
            for (Job<?> j : group) {
                if (!j.done.isDone()) {
                    j.done.completeExceptionally(new MailboxException(Reason.STORAGE_FAILURE, "commit failed"));
                }
            }
        }
    }

    private void commitGroup(List<Job<?>> group) {
        Set<MailboxId> changed = new LinkedHashSet<>();
        var succeeded = new ArrayList<Job<?>>();
        long[] seqAtStart = channelSeq.clone();
        boolean queued = false;
        Txn txn;
        try (KvStore.Batch batch = kv.batch()) {
            txn = new Txn(batch, clock.instant());
            for (Job<?> job : group) {
                long[] seqBefore = channelSeq.clone();
                batch.setSavePoint();
                try {
                    runOne(job, txn);
                    boolean wrote = writeChannelEntries(txn);
                    batch.popSavePoint();
                    queued |= wrote;
                    changed.addAll(txn.touchedMailboxes);
                    succeeded.add(job);
                } catch (RuntimeException e) {
                    batch.rollbackToSavePoint();
                    System.arraycopy(seqBefore, 0, channelSeq, 0, channelSeq.length);
                    job.done.completeExceptionally(e);
                } finally {
                    txn.touchedMailboxes.clear();
                    txn.touchedAccounts.clear();
                    txn.queueChanges = true;
                }
            }
            // Durability order: message bytes first, then the metadata that points at them. Bytes
            // of small messages travel in this very batch (the journal), so only large ones
            // make the commit sync the segments first.
            if (txn.needsSegmentSync) segments.syncDirty();
            if (!batch.isEmpty()) kv.commit(batch, true);
        } catch (RuntimeException | Error e) {
            System.arraycopy(seqAtStart, 0, channelSeq, 0, channelSeq.length);
            log.atError().setCause(e).log("group commit failed; {} writes refused", succeeded.size());
            var failure = e instanceof RecordCorruptedException
                    ? new MailboxException(Reason.CORRUPTED, "stored data is damaged", e)
                    : new MailboxException(Reason.STORAGE_FAILURE, "could not make the change durable", e);
            for (Job<?> job : succeeded) job.done.completeExceptionally(failure);
            return;
        }
        if (!txn.journaled.isEmpty()) journaled.accept(List.copyOf(txn.journaled));
        // Before the writers hear back: once a write returns, its channels have been woken.
        if (queued) wake();
        for (Job<?> job : succeeded) complete(job);
        for (MailboxId id : changed) listeners.fire(id);
    }

    private void wake() {
        for (Runnable w : wakers) {
            try {
                w.run();
            } catch (RuntimeException e) {
                log.atError().setCause(e).log("channel wake-up failed");
            }
        }
    }

    private static <T> void runOne(Job<T> job, Txn txn) {
        job.result = job.work.apply(txn);
    }

    private static <T> void complete(Job<T> job) {
        job.done.complete(job.result);
    }

    /** Queues an entry per channel for each mailbox and account the work changed; says whether it wrote any. */
    private boolean writeChannelEntries(Txn txn) {
        if (channels.isEmpty() || !txn.queueChanges) return false;
        if (txn.touchedMailboxes.isEmpty() && txn.touchedAccounts.isEmpty()) return false;
        long at = txn.now.toEpochMilli();
        for (int i = 0; i < channels.size(); i++) {
            // Accounts first: a replica taking entries in order meets a new account before its mailboxes.
            for (long account : txn.touchedAccounts) {
                byte[] key = Keys.channel(channels.get(i), channelSeq[i]++);
                txn.seal(Table.CHANNELS, key, new ChangeEntry.AccountChanged(account, at).encode());
            }
            for (MailboxId id : txn.touchedMailboxes) {
                byte[] key = Keys.channel(channels.get(i), channelSeq[i]++);
                txn.seal(Table.CHANNELS, key, new ChangeEntry.MailboxChanged(id, at).encode());
            }
        }
        return true;
    }

    /** Finishes every queued write, then stops the thread. */
    @Override
    public void close() {
        closing = true;
        queue.add(STOP);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
