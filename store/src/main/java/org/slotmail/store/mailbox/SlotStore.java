package org.slotmail.store.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.DeliveryResult;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxListener;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.MessageWriter;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.Recipient;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.blob.BlobLocation;
import org.slotmail.store.blob.SegmentStore;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.BlobRow;
import org.slotmail.store.record.Keys;
import org.slotmail.store.replica.ReplicaStore;

/**
 * One slot's storage engine: metadata in RocksDB, message bytes in segments, writes grouped by
 * the {@link Committer}. Opened read-only, it serves inspection while a server may be running.
 */
public final class SlotStore implements MailStore {
    private static final Logger log = LoggerFactory.getLogger(SlotStore.class);
    private final StoreSettings settings;
    private final KvStore kv;
    private final SegmentStore segments;
    private final Listeners listeners = new Listeners();
    // About 170 bytes a record: at most some 70 MB of decoded records for the largest mailboxes.
    private final RecordCache recordCache = new RecordCache(400_000);
    private final Committer committer; // null when read-only
    private final Clock clock;
    private final SlotReplication replication = new SlotReplication(this);
    /** Messages up to this size are journaled in their first commit instead of syncing segments. */
    static final int JOURNAL_LIMIT = 128 * 1024;

    private final ConcurrentLinkedQueue<Guid> toTrim = new ConcurrentLinkedQueue<>();
    /**
     * Accounts known to have their rows and INBOX here, so a delivery skips the read that checks;
     * purging an account takes it out first.
     */
    private final Set<Long> provisioned = ConcurrentHashMap.newKeySet();

    private final ScheduledExecutorService trimmer;

    private SlotStore(StoreSettings settings, boolean readOnly, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (readOnly) {
            this.kv = KvStore.openReadOnly(settings.metaDir());
            this.segments = SegmentStore.readOnly(settings.blobDir());
            this.committer = null;
            this.trimmer = null;
            return;
        }
        clearSpool(settings.spoolDir());
        this.kv = KvStore.open(settings.metaDir());
        try {
            this.segments = new SegmentStore(settings.blobDir(), settings.maxSegmentBytes());
        } catch (RuntimeException e) {
            kv.close();
            throw e;
        }
        JournalRecovery.run(kv, segments);
        this.committer = new Committer(kv, segments, listeners, settings.channels(), clock, toTrim::addAll);
        this.trimmer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("slot-journal-trim").daemon(true).factory());
        trimmer.scheduleWithFixedDelay(this::trimJournal, 200, 200, TimeUnit.MILLISECONDS);
    }

    /** Stops trimming the journal (tests use this to leave it as a crash would). */
    void stopJournalTrimmer() {
        stoppedByTest = true;
        trimmer.shutdownNow();
    }

    private volatile boolean stoppedByTest;

    /**
     * Syncs the segments, then drops the journal rows of every message committed before the
     * sync began: their bytes no longer depend on the journal.
     */
    void trimJournal() {
        try {
            if (toTrim.isEmpty()) return;
            var guids = new ArrayList<Guid>();
            for (Guid g; (g = toTrim.poll()) != null; ) guids.add(g);
            segments.syncDirty();
            committer.run(t -> {
                for (Guid g : guids) t.delete(Table.JOURNAL, Keys.blob(g));
                return null;
            });
        } catch (RuntimeException e) {
            // The rows stay; the next start recovers from them if need be.
            log.atWarn().setCause(e).log("journal trim failed");
        }
    }

    /** Opens (creating if needed) the store for reading and writing. Only one process may. */
    public static SlotStore open(StoreSettings settings) {
        return new SlotStore(settings, false, Clock.systemUTC());
    }

    static SlotStore open(StoreSettings settings, Clock clock) {
        return new SlotStore(settings, false, clock);
    }

    /** Opens the store read-only: what was durable when it opened, even while a server runs. */
    public static SlotStore openReadOnly(Path dir) {
        if (!Files.isDirectory(dir.resolve("meta"))) {
            throw new MailboxException(Reason.NONEXISTENT, "no slot data in " + dir);
        }
        return new SlotStore(StoreSettings.defaults(dir), true, Clock.systemUTC());
    }

    private static void clearSpool(Path spool) {
        try {
            Files.createDirectories(spool);
            try (Stream<Path> leftovers = Files.list(spool)) {
                for (Path p : leftovers.toList()) Files.deleteIfExists(p); // from a crash mid-receive
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare spool directory " + spool, e);
        }
    }

    public StoreSettings settings() {
        return settings;
    }

    /** Whole large mailboxes' records, decoded, for the reads of this store. */
    RecordCache recordCache() {
        return recordCache;
    }

    // --- MailStore ---

    @Override
    public AccountMail account(Account account) {
        return Failures.guard(() -> {
            if (committer == null) {
                if (read(r -> r.account(account.id())).isEmpty()) {
                    throw new MailboxException(
                            Reason.NONEXISTENT, "account " + account.address() + " has no mail here");
                }
            } else {
                ensureProvisioned(account);
            }
            return new StoredAccountMail(this, account);
        });
    }

    private void ensureProvisioned(Account account) {
        if (provisioned.contains(account.id())) return;
        if (read(r -> r.account(account.id())).isEmpty()) write(t -> FolderWrites.provision(t, account));
        provisioned.add(account.id());
    }

    @Override
    public MessageWriter newMessage() {
        if (committer == null) throw new MailboxException(Reason.UNAVAILABLE, "store is read-only");
        return new IncomingMessage(settings.spoolDir(), settings.inMemoryMessageLimit());
    }

    @Override
    public List<DeliveryResult> deliver(StagedMessage message, List<Recipient> recipients) {
        return Failures.guard(() -> {
            for (Recipient r : recipients) ensureProvisioned(r.account());
            var msg = prepare(message);
            return write(t -> {
                var results = new ArrayList<DeliveryResult>();
                for (Recipient r : recipients) results.add(deliverOne(t, r, msg));
                return results;
            });
        });
    }

    private static DeliveryResult deliverOne(Txn t, Recipient r, MessageWrites.NewMessage msg) {
        long accountId = r.account().id();
        t.batch().setSavePoint();
        try {
            MailboxName name = r.folder()
                    .filter(f -> t.mailboxId(accountId, f).isPresent())
                    .orElse(MailboxName.INBOX);
            MailboxId id = t.mailboxId(accountId, name)
                    .orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "account has no INBOX"));
            var appended = MessageWrites.append(t, r.account(), id, msg, Flags.NONE, t.now);
            t.batch().popSavePoint();
            return new DeliveryResult.Delivered(name, appended.uid());
        } catch (MailboxException e) {
            t.batch().rollbackToSavePoint();
            return new DeliveryResult.Rejected(e.reason(), e.getMessage());
        }
    }

    /**
     * Puts a staged message's bytes in a segment unless the slot already has them (a message is
     * stored once per slot), and returns what a record needs. Runs on the caller's thread, so
     * copying bytes never holds up the commit thread; the commit syncs them.
     */
    MessageWrites.NewMessage prepare(StagedMessage message) {
        if (!(message instanceof StagedBytes staged))
            throw new IllegalArgumentException("message was not staged by this store");
        return prepare(staged, staged.summaryBytes());
    }

    /**
     * The bytes alone, for a replica's apply: its records carry the summaries the master sent, so
     * the bytes are not parsed here (ReplicaBatch parses them only for a master that sent none).
     */
    MessageWrites.NewMessage prepareBytes(StagedBytes staged) {
        return prepare(staged, null);
    }

    private MessageWrites.NewMessage prepare(StagedBytes staged, byte[] summary) {
        if (read(r -> r.blob(staged.guid())).isPresent()) {
            return new MessageWrites.NewMessage(staged.guid(), staged.size(), summary, null, null);
        }
        BlobLocation at = staged.appendedAt();
        if (at == null) {
            at = staged.data() != null
                    ? segments.append(staged.guid(), staged.data())
                    : segments.append(staged.guid(), staged.file(), staged.size());
            staged.appendedAt(at);
        }
        byte[] journal = staged.data() != null && staged.size() <= JOURNAL_LIMIT ? staged.data() : null;
        return new MessageWrites.NewMessage(staged.guid(), staged.size(), summary, at, journal);
    }

    /** Removes everything of an account that the control plane deleted. */
    public void purgeAccount(long accountId) {
        provisioned.remove(accountId);
        Failures.guard(() -> write(t -> FolderWrites.purge(t, accountId)));
        // Again: a delivery that checked while the purge was queued may have put it back.
        provisioned.remove(accountId);
    }

    /**
     * This store as replication sees it: states, changes since a MODSEQ, message bytes, the
     * channel queues, and the writes that make a replica match its master.
     */
    public ReplicaStore replication() {
        return replication;
    }

    /** The accounts this slot has mail for. */
    public List<AccountRow> accounts() {
        return Failures.guard(() -> read(Rows::accounts));
    }

    /** The account stored here under an address, with no quota (for inspection). */
    public Optional<Account> storedAccount(String address) {
        return Failures.guard(() -> read(r -> r.accountIdOf(address.toLowerCase(Locale.ROOT))
                .flatMap(r::account)
                .map(a -> new Account(a.id(), a.address(), QuotaLimits.UNLIMITED))));
    }

    // --- internals shared with the handles ---

    <T> T read(Function<Rows, T> reading) {
        try (KvStore.Reader reader = kv.reader()) {
            return reading.apply(new Rows(reader));
        }
    }

    <T> T write(Function<Txn, T> work) {
        if (committer == null) throw new MailboxException(Reason.UNAVAILABLE, "store is read-only");
        return committer.run(work);
    }

    /** Calls {@code wake} after every commit that queued channel entries (never, read-only). */
    AutoCloseable onQueued(Runnable wake) {
        return committer == null ? () -> {} : committer.onQueued(wake);
    }

    /** Forgets that an account was provisioned here (replication purged it). */
    void forgetProvisioned(long accountId) {
        provisioned.remove(accountId);
    }

    Clock clock() {
        return clock;
    }

    AutoCloseable listen(MailboxId id, MailboxListener listener) {
        return listeners.add(id, listener);
    }

    /** Hears about every committed mailbox change (replication will use this). */
    public AutoCloseable listenAll(MailboxListener listener) {
        return listeners.addForAll(listener);
    }

    InputStream content(MessageRecord record) {
        BlobRow blob = read(r -> r.blob(record.guid()))
                .orElseThrow(() ->
                        new MailboxException(Reason.CORRUPTED, "bytes of message " + record.guid() + " are missing"));
        return segments.open(new BlobLocation(blob.segment(), blob.offset(), blob.length()), record.guid());
    }

    KvStore kv() {
        return kv;
    }

    SegmentStore segments() {
        return segments;
    }

    @Override
    public void close() {
        if (trimmer != null) {
            trimmer.shutdown();
            try {
                trimmer.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!stoppedByTest) trimJournal(); // a clean stop leaves no journal
        }
        if (committer != null) committer.close();
        segments.close();
        kv.close();
    }
}
