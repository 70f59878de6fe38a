package org.slotmail.sync.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.record.ChangeEntry;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.Backlog;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ParkedChange;
import org.slotmail.store.replica.QueuedChange;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.sync.protocol.RemoteFailure;
import org.slotmail.sync.reconcile.Reconciler;

/**
 * A master's sync client for one channel (DESIGN §3 "Sync"). Rolling: woken by every commit that
 * queued entries, it takes a batch, folds duplicates, brings those mailboxes and accounts in step
 * on the replica ({@link BatchSync}) and only then acknowledges the batch. A lost connection is
 * retried with jittered exponential backoff; the entries stay queued. A mailbox that keeps failing
 * is set aside ({@link ParkingLot}), reported, and tried again later, without holding up the rest.
 *
 * <p>One thread talks to the replica at a time: the client's own worker, or a caller of {@link
 * #drain} or {@link #fullSync} while the worker waits its turn.
 */
public final class SyncClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SyncClient.class);

    private final ReplicaStore store;
    private final SyncClientSettings settings;
    private final String channel;
    private final SSLContext tls;
    private final Clock clock;
    private final Doorbell doorbell = new Doorbell();
    private final ReentrantLock work = new ReentrantLock();
    private final LagStats lag = new LagStats();
    private final ParkingLot parking;
    private final Backoff backoff;
    /** Failed attempts per mailbox or account since it last replicated; under {@link #work}. */
    private final Map<Object, Integer> attempts = new HashMap<>();

    private ReplicaSession session; // under work
    private volatile ReplicaSession openSession; // the same, for close() from another thread
    /**
     * The acknowledgement of the last confirmed batch, committing (durably, through the store's
     * group commit) while the next batch goes out; and the number it acknowledges through. Under
     * {@link #work}. Entries up to that number are confirmed: the next batch leaves them out.
     */
    private CompletableFuture<Void> acknowledging = CompletableFuture.completedFuture(null);

    private long acknowledgingThrough;
    private volatile boolean failing;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private long lastUsedNanos = System.nanoTime();

    // Drain: a caller takes a ticket; a step that began after it and found the queue empty serves it.
    private final ReentrantLock drainLock = new ReentrantLock();
    private final Condition drained = drainLock.newCondition();
    private long ticketsIssued;
    private long ticketsServed;
    /** The last drain ticket for which every parked change was tried; under {@link #work}. */
    private long parkedTriedFor;

    private volatile boolean running;
    private volatile boolean closed;
    private Thread worker;
    private AutoCloseable wakeup;

    public SyncClient(ReplicaStore store, SyncClientSettings settings) throws IOException {
        this(store, settings, Clock.systemUTC());
    }

    SyncClient(ReplicaStore store, SyncClientSettings settings, Clock clock) throws IOException {
        this.store = store;
        this.settings = settings;
        this.channel = settings.channel();
        this.clock = clock;
        this.tls = ReplicaSession.contextFor(settings.replica());
        this.parking = new ParkingLot(store, settings, clock);
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
    }

    /** Starts rolling replication on a virtual thread of its own. */
    public synchronized void start() {
        if (closed) throw new IllegalStateException("sync client closed");
        if (running) return;
        running = true;
        wakeup = store.onQueued(doorbell::ring);
        worker = Thread.ofVirtual().name("sync-" + channel).start(this::roll);
        log.atInfo()
                .setMessage("replication started")
                .addKeyValue("channel", channel)
                .addKeyValue("replica", settings.replica().address())
                .log();
    }

    private void roll() {
        while (running) {
            Pause pause;
            work.lock();
            try {
                pause = step();
            } finally {
                work.unlock();
            }
            try {
                if (pause.wakeOnWork()) doorbell.await(pause.millis());
                else doorbell.sleep(pause.millis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** What to do after a step: go on at once (0), or wait, for new work or for the time alone. */
    private record Pause(long millis, boolean wakeOnWork) {
        static final Pause NONE = new Pause(0, false);
    }

    /** One turn of the loop: parked changes that are due, then one batch of the queue. */
    private Pause step() {
        long ticket = currentTicket();
        try {
            // A drain (a new ticket) tries every parked change once more; otherwise only those due.
            boolean all = ticket > parkedTriedFor;
            if (all || parking.millisUntilDue() == 0) retryParked(all);
            parkedTriedFor = ticket;
            List<QueuedChange> batch = unconfirmed(store.pending(channel, settings.batchSize()));
            if (batch.isEmpty()) {
                // What is left may only be waiting for its acknowledgement to commit: the queue
                // is empty (for a drain) once that is done.
                finishAcknowledging();
                batch = store.pending(channel, settings.batchSize());
            }
            if (batch.isEmpty()) {
                // Connected while idle too: an unreachable replica shows in the status at once, and
                // a rejoining or empty replica is brought in step without waiting for the next
                // change (before a drain is served). Nothing is queued: a drain is served even so.
                try {
                    session();
                } catch (IOException e) {
                    serve(ticket);
                    throw e;
                }
                serve(ticket);
                failing = false;
                keepAlive();
                long idle = Math.min(settings.keepAlive().toMillis(), parking.millisUntilDue());
                return new Pause(Math.max(1, idle), true);
            }
            if (replicate(batch)) {
                backoff.reset();
                return Pause.NONE;
            }
            return new Pause(backoff.nextDelayMillis(), false);
        } catch (IOException e) {
            lostConnection(e);
            // ConnectException: refused, nothing listens (a timeout or an unreachable host is not one).
            return new Pause(
                    e instanceof java.net.ConnectException
                            ? backoff.nextDelayAfterRefusalMillis()
                            : backoff.nextDelayMillis(),
                    false);
        } catch (RuntimeException e) {
            // The master's own store failed (a read of the queue, a write of an acknowledgement).
            failed("replication step failed: " + e.getMessage(), e);
            return new Pause(backoff.nextDelayMillis(), false);
        }
    }

    /**
     * Replicates one batch; true when it was acknowledged (everything in it confirmed or set
     * aside), false when some mailbox failed and will be tried again with the batch.
     */
    private boolean replicate(List<QueuedChange> batch) throws IOException {
        var mailboxes = new LinkedHashSet<MailboxId>();
        var accounts = new LinkedHashSet<Long>();
        Map<Object, ChangeEntry> latest = new LinkedHashMap<>();
        for (QueuedChange q : batch) {
            switch (q.change()) {
                case ChangeEntry.MailboxChanged m -> mailboxes.add(m.mailbox());
                case ChangeEntry.AccountChanged a -> accounts.add(a.accountId());
            }
            latest.put(ParkingLot.key(q.change()), q.change());
        }
        BatchSync.Outcome outcome = new BatchSync(store, session(), settings).run(mailboxes, accounts);
        // Lag ends where the replica confirmed, before our own bookkeeping.
        long confirmedAt = clock.millis();
        boolean settled = settle(outcome, latest);
        if (!settled) return false;
        acknowledge(batch.getLast().seq());
        for (QueuedChange q : batch) lag.record(confirmedAt - q.change().queuedAtMillis());
        failing = false;
        return true;
    }

    /**
     * Acknowledges through {@code seq} without waiting for the commit: the next batch's round
     * trips overlap it (the commit's sync took a fifth of each batch's time at 1,000 deliveries/s).
     * Sound because an entry is only acknowledged after the replica confirmed it; a crash before
     * the commit leaves it queued, and the next comparison finds the replica in step. One
     * acknowledgement at a time, in order.
     */
    private void acknowledge(long seq) {
        finishAcknowledging();
        acknowledgingThrough = seq;
        acknowledging = CompletableFuture.runAsync(
                () -> store.acknowledge(channel, seq),
                task -> Thread.ofVirtual().name("sync-ack-" + channel).start(task));
    }

    /**
     * Waits for the acknowledgement in flight. If it failed, its entries are queued still and
     * become visible again (to be compared, found in step and acknowledged again); the store's
     * failure is thrown.
     */
    private void finishAcknowledging() {
        try {
            acknowledging.join();
        } catch (CompletionException e) {
            acknowledgingThrough = 0;
            acknowledging = CompletableFuture.completedFuture(null);
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** The queue's entries without those confirmed whose acknowledgement is still committing. */
    private List<QueuedChange> unconfirmed(List<QueuedChange> pending) {
        long through = acknowledgingThrough;
        if (pending.isEmpty() || pending.getFirst().seq() > through) return pending;
        return pending.stream().filter(q -> q.seq() > through).toList();
    }

    /**
     * Books an outcome: what replicated comes off the parking lot and the attempt counts; what
     * diverged is reconciled (parked at once when that fails); what failed is parked after enough
     * attempts (at once when it was parked already). True when nothing is left to retry now.
     */
    private boolean settle(BatchSync.Outcome outcome, Map<Object, ChangeEntry> entries) throws IOException {
        for (MailboxId id : outcome.confirmedMailboxes()) confirmed(id);
        for (Long id : outcome.confirmedAccounts()) confirmed(id);
        boolean settled = true;
        var failures = new LinkedHashMap<Object, String>();
        failures.putAll(outcome.failedMailboxes());
        failures.putAll(outcome.failedAccounts());
        reconcileDiverged(outcome.diverged()).forEach((id, why) -> {
            parking.park(entryFor(id, entries), why, attempts.merge(id, 1, Integer::sum));
            attempts.remove(id);
        });
        for (var f : failures.entrySet()) {
            Object key = f.getKey();
            int n = attempts.merge(key, 1, Integer::sum);
            if (n >= settings.attemptsBeforeParking() || parking.contains(key)) {
                parking.park(entryFor(key, entries), f.getValue(), n);
                attempts.remove(key);
            } else {
                settled = false;
                failed("mailbox or account " + key + " failed (attempt " + n + "): " + f.getValue(), null);
            }
        }
        return settled;
    }

    private void confirmed(Object key) {
        attempts.remove(key);
        if (parking.contains(key)) parking.unpark(key);
    }

    private ChangeEntry entryFor(Object key, Map<Object, ChangeEntry> entries) {
        ChangeEntry e = entries.get(key);
        return e != null ? e : ParkingLot.entryFor(key, clock.millis());
    }

    /** Tries the parked changes that are due (all with {@code all}); those that fail again stay parked, later. */
    private void retryParked(boolean all) throws IOException {
        List<ParkedChange> due = parking.due(all);
        if (due.isEmpty()) return;
        var mailboxes = new LinkedHashSet<MailboxId>();
        var accounts = new LinkedHashSet<Long>();
        Map<Object, ChangeEntry> entries = new LinkedHashMap<>();
        Map<Object, Integer> tries = new HashMap<>();
        for (ParkedChange p : due) {
            Object key = ParkingLot.key(p.change());
            entries.put(key, p.change());
            tries.put(key, p.attempts());
            switch (key) {
                case MailboxId id -> mailboxes.add(id);
                case Long id -> accounts.add(id);
                default -> {}
            }
        }
        BatchSync.Outcome outcome = new BatchSync(store, session(), settings).run(mailboxes, accounts);
        for (MailboxId id : outcome.confirmedMailboxes()) confirmed(id);
        for (Long id : outcome.confirmedAccounts()) confirmed(id);
        var failures = new LinkedHashMap<Object, String>();
        failures.putAll(outcome.failedMailboxes());
        failures.putAll(outcome.failedAccounts());
        failures.putAll(reconcileDiverged(outcome.diverged()));
        failures.forEach((key, why) -> parking.park(
                entryFor(key, entries), why, tries.getOrDefault(key, settings.attemptsBeforeParking()) + 1));
    }

    /**
     * Replicates until the queue is empty and nothing is in flight, trying every parked change once
     * more on the way: the one-shot mode failover uses. Works whether or not the client was
     * started. Returns when done or when {@code timeout} has passed; the result says which.
     */
    public DrainResult drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long ticket = issueTicket();
        if (running) {
            doorbell.ring();
            awaitServed(ticket, deadline);
        } else {
            while (!served(ticket) && System.nanoTime() < deadline && !closed) {
                Pause pause;
                work.lock();
                try {
                    pause = step();
                } finally {
                    work.unlock();
                }
                if (served(ticket)) break;
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (!pause.wakeOnWork() && pause.millis() > 0)
                    doorbell.sleep(Math.min(pause.millis(), Math.max(0, left)));
            }
        }
        Backlog backlog = store.backlog(channel);
        List<ParkedChange> parked = parking.all();
        return new DrainResult(served(ticket) && backlog.entries() == 0 && parked.isEmpty(), backlog.entries(), parked);
    }

    /**
     * Compares every mailbox of every account on both sides and brings the replica in step: for a
     * new replica, or a channel whose queue cannot be trusted to hold everything. What fails is
     * parked (and so retried and reported) like any change.
     *
     * @throws IOException the replica could not be reached, or the connection failed on the way
     */
    public FullSyncReport fullSync() throws IOException {
        work.lock();
        try {
            ReplicaSession replica = session();
            var accountIds = new LinkedHashSet<Long>();
            for (AccountState a : store.accounts()) accountIds.add(a.accountId());
            for (AccountState a : replica.accounts()) accountIds.add(a.accountId());
            int mailboxCount = 0, updates = 0, failed = 0;
            for (long account : accountIds) {
                var ids = new LinkedHashSet<MailboxId>();
                for (MailboxState s : store.mailboxesOf(account)) ids.add(s.id());
                for (MailboxState s : replica.mailboxesOf(account)) ids.add(s.id());
                mailboxCount += ids.size();
                List<MailboxId> all = List.copyOf(ids);
                int chunk = Math.max(1, settings.batchSize());
                for (int i = 0; i == 0 || i < all.size(); i += chunk) {
                    List<MailboxId> part = all.subList(i, Math.min(all.size(), i + chunk));
                    BatchSync.Outcome outcome =
                            new BatchSync(store, replica, settings).run(part, i == 0 ? List.of(account) : List.of());
                    updates += outcome.updatesSent();
                    for (MailboxId id : outcome.confirmedMailboxes()) confirmed(id);
                    for (Long id : outcome.confirmedAccounts()) confirmed(id);
                    var failures = new LinkedHashMap<Object, String>();
                    failures.putAll(outcome.failedMailboxes());
                    failures.putAll(outcome.failedAccounts());
                    failures.putAll(reconcileDiverged(outcome.diverged()));
                    failures.forEach((key, why) -> parking.park(
                            ParkingLot.entryFor(key, clock.millis()), why, settings.attemptsBeforeParking()));
                    failed += failures.size();
                }
            }
            log.atInfo()
                    .setMessage("full comparison done")
                    .addKeyValue("channel", channel)
                    .addKeyValue("accounts", accountIds.size())
                    .addKeyValue("mailboxes", mailboxCount)
                    .addKeyValue("updates", updates)
                    .addKeyValue("failed", failed)
                    .log();
            return new FullSyncReport(accountIds.size(), mailboxCount, updates, failed);
        } catch (IOException e) {
            lostConnection(e);
            throw e;
        } finally {
            work.unlock();
        }
    }

    /** The channel as the admin API shows it. */
    public ChannelStatus status() {
        Backlog backlog = store.backlog(channel);
        ReplicaSession s = openSession;
        String error = failing ? lastError : null;
        return new ChannelStatus(
                channel,
                settings.replica().address().toString(),
                s != null && !s.broken(),
                backlog.entries(),
                backlog.oldestAgeMillis(),
                lag.snapshot(),
                Optional.ofNullable(error),
                Optional.ofNullable(error == null ? null : lastErrorAt),
                parking.size());
    }

    public String channel() {
        return channel;
    }

    // --- the session ---

    private ReplicaSession session() throws IOException {
        if (session != null && !session.broken()) {
            lastUsedNanos = System.nanoTime();
            return session;
        }
        closeSession();
        ReplicaSession s = ReplicaSession.open(settings.replica(), tls);
        session = s;
        openSession = s;
        lastUsedNanos = System.nanoTime();
        if (closed) {
            closeSession();
            throw new IOException("sync client closed");
        }
        log.atInfo()
                .setMessage(failing ? "reconnected to the replica" : "connected to the replica")
                .addKeyValue("channel", channel)
                .addKeyValue("replica", settings.replica().address())
                .log();
        try {
            reconcileUnshipped(s);
        } catch (RemoteFailure e) {
            closeSession(); // NOT_ACCEPTING: the peer is not a replica now
            throw e;
        } catch (IOException | RuntimeException e) {
            // Nothing replicates on a session whose replica may hold writes not yet reconciled.
            closeSession();
            throw new IOException("reconciling the replica's unshipped writes failed: " + e.getMessage(), e);
        }
        seedIfEmpty(s);
        return s;
    }

    /**
     * A replica with no account at all while this master has some is new or was replaced by an
     * empty one: the queue holds only what changed lately, so everything is compared and copied
     * ({@link #fullSync}) before the queue goes on.
     */
    private void seedIfEmpty(ReplicaSession s) throws IOException {
        List<AccountState> ours = store.accounts();
        if (ours.isEmpty()) return;
        if (!s.accountStates(List.of(ours.getFirst().accountId())).isEmpty()
                || !s.accounts().isEmpty()) return;
        log.atWarn()
                .setMessage("the replica is empty: copying every account to it (a full comparison)")
                .addKeyValue("channel", channel)
                .addKeyValue("accounts", ours.size())
                .log();
        fullSync();
    }

    // --- split brain ---

    /**
     * A replica that was a master may hold writes this master never saw (after a forced failover,
     * a split brain): the changes it queued then and no replica confirmed. Before anything else
     * goes out on a new session, every account they touch is reconciled (docs/split-brain.md), and
     * the replica then forgets them. Until that succeeds nothing replicates to it: a batch could
     * otherwise delete a mailbox only the replica has.
     */
    private void reconcileUnshipped(ReplicaSession s) throws IOException {
        ReplicaSession.Unshipped unshipped = s.unshipped();
        if (unshipped.isEmpty()) return;
        var accounts = new TreeSet<Long>(unshipped.accounts());
        List<MailboxId> ids = List.copyOf(unshipped.mailboxes());
        for (MailboxState state : store.states(ids)) accounts.add(state.accountId());
        for (MailboxState state : s.states(ids)) accounts.add(state.accountId());
        log.atWarn()
                .setMessage("the replica holds writes from its time as a master that were never shipped:"
                        + " reconciling them (a split brain)")
                .addKeyValue("channel", channel)
                .addKeyValue("mailboxes", ids.size())
                .addKeyValue("accounts", accounts.size())
                .log();
        reconcile(s, accounts);
        s.forgetUnshipped();
    }

    /**
     * Reconciles the accounts of mailboxes whose replica went ahead of the master; returns the
     * mailboxes it could not, with why (to be parked and tried again).
     */
    private Map<MailboxId, String> reconcileDiverged(Map<MailboxId, String> diverged) throws IOException {
        if (diverged.isEmpty()) return Map.of();
        ReplicaSession s = session();
        // Writes both sides: only with a replica (a master refuses this with NOT_ACCEPTING, and
        // nothing is written on this one), and with any leftovers of its own reconciled first.
        reconcileUnshipped(s);
        var byAccount = new TreeMap<Long, List<MailboxId>>();
        for (MailboxState state : store.states(diverged.keySet())) {
            byAccount.computeIfAbsent(state.accountId(), a -> new ArrayList<>()).add(state.id());
        }
        var left = new LinkedHashMap<MailboxId, String>();
        diverged.forEach((id, why) -> left.put(id, "diverged: " + why));
        for (var e : byAccount.entrySet()) {
            try {
                log.atWarn()
                        .setMessage("the replica went ahead of the master: reconciling the account (a split brain)")
                        .addKeyValue("channel", channel)
                        .addKeyValue("account", e.getKey())
                        .addKeyValue("why", diverged.get(e.getValue().getFirst()))
                        .log();
                reconcile(s, List.of(e.getKey()));
                for (MailboxId id : e.getValue()) {
                    left.remove(id);
                    confirmed(id);
                }
            } catch (RuntimeException failure) {
                for (MailboxId id : e.getValue()) {
                    left.put(id, left.get(id) + "; reconciling failed: " + failure.getMessage());
                }
            }
        }
        return left;
    }

    private void reconcile(ReplicaSession s, Collection<Long> accounts) throws IOException {
        try (var remote = RemoteReplica.borrowing(s)) {
            var reconciler = new Reconciler(store, remote);
            for (long account : accounts) reconciler.reconcile(account);
        } catch (UncheckedIOException e) {
            if (s.broken()) throw e.getCause();
            throw e;
        }
    }

    /** Pings an idle session now and then, so a dead replica shows in the status before the next change. */
    private void keepAlive() throws IOException {
        if (session == null
                || System.nanoTime() - lastUsedNanos < settings.keepAlive().toNanos()) return;
        session.ping(System.nanoTime());
        lastUsedNanos = System.nanoTime();
    }

    private void lostConnection(IOException e) {
        closeSession();
        failed("replica unreachable or session failed: " + e.getMessage(), e);
    }

    private void failed(String message, Exception cause) {
        boolean first = !failing;
        failing = true;
        lastError = message;
        lastErrorAt = clock.instant();
        var event = first ? log.atWarn() : log.atDebug();
        event.setMessage("replication failing")
                .addKeyValue("channel", channel)
                .addKeyValue("error", message)
                .log();
        if (cause instanceof RuntimeException) log.atDebug().setCause(cause).log("cause");
    }

    private void closeSession() {
        ReplicaSession s = session;
        session = null;
        openSession = null;
        if (s != null) s.close();
    }

    // --- drain tickets ---

    private long issueTicket() {
        drainLock.lock();
        try {
            return ++ticketsIssued;
        } finally {
            drainLock.unlock();
        }
    }

    private long currentTicket() {
        drainLock.lock();
        try {
            return ticketsIssued;
        } finally {
            drainLock.unlock();
        }
    }

    /** A step that began holding {@code ticket} found the queue empty: every drain up to it is served. */
    private void serve(long ticket) {
        drainLock.lock();
        try {
            if (ticket > ticketsServed) {
                ticketsServed = ticket;
                drained.signalAll();
            }
        } finally {
            drainLock.unlock();
        }
    }

    private boolean served(long ticket) {
        drainLock.lock();
        try {
            return ticketsServed >= ticket;
        } finally {
            drainLock.unlock();
        }
    }

    private void awaitServed(long ticket, long deadline) throws InterruptedException {
        drainLock.lock();
        try {
            while (ticketsServed < ticket && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                drained.awaitNanos(left);
            }
        } finally {
            drainLock.unlock();
        }
    }

    /** Stops replicating (what is queued stays queued) and closes the session. */
    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            if (closed) return;
            closed = true;
            running = false;
            w = worker;
        }
        if (wakeup != null) {
            try {
                wakeup.close();
            } catch (Exception e) {
                log.atDebug().setCause(e).log("cannot stop listening for queued changes");
            }
        }
        doorbell.close();
        // Closing the socket ends a read or write in progress; the worker then sees it is closed.
        ReplicaSession s = openSession;
        if (s != null) s.close();
        drainLock.lock();
        try {
            drained.signalAll();
        } finally {
            drainLock.unlock();
        }
        if (w != null) {
            try {
                w.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        work.lock();
        try {
            closeSession();
            // The store is closed after its clients: the last acknowledgement commits first.
            try {
                finishAcknowledging();
            } catch (RuntimeException e) {
                log.atDebug().setCause(e).log("the last acknowledgement failed; its entries stay queued");
            }
        } finally {
            work.unlock();
        }
        log.atInfo()
                .setMessage("replication stopped")
                .addKeyValue("channel", channel)
                .log();
    }
}
