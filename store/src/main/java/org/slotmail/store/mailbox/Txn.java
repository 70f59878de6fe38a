package org.slotmail.store.mailbox;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.store.blob.BlobLocation;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.BlobRow;
import org.slotmail.store.record.Frame;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.MailboxRow;
import org.slotmail.store.record.MessageRow;
import org.slotmail.store.record.ModSeqEntry;

/**
 * One write in progress on the commit thread: typed reads that see earlier writes of the same
 * commit, typed writes that seal every value with its CRC32C, and the record of which mailboxes
 * and accounts changed (for channel queues and listeners). Not thread-safe: only the commit
 * thread uses it.
 */
final class Txn extends Rows {
    private final KvStore.Batch batch;
    final Instant now;
    final Set<MailboxId> touchedMailboxes = new LinkedHashSet<>();
    final Set<Long> touchedAccounts = new LinkedHashSet<>();
    /**
     * Whether the current piece of work's changes go on the channel queues. Replication applying
     * a master's changes on a replica clears it: a replica's changes come only from sync. Reset
     * for every piece of work.
     */
    boolean queueChanges = true;
    /** Set when a record points at segment bytes that are neither synced nor journaled. */
    boolean needsSegmentSync;
    /** GUIDs journaled by this commit, to be trimmed once their segment is synced. */
    final java.util.List<Guid> journaled = new java.util.ArrayList<>();

    Txn(KvStore.Batch batch, Instant now) {
        super(batch);
        this.batch = batch;
        this.now = now;
    }

    KvStore.Batch batch() {
        return batch;
    }

    // --- reads that must succeed ---

    MailboxRow requireMailbox(MailboxId id) {
        return mailbox(id).orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "mailbox no longer exists"));
    }

    MailboxRow requireMailbox(long accountId, MailboxName name) {
        return requireMailbox(mailboxId(accountId, name)
                .orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "no mailbox named " + name)));
    }

    AccountRow requireAccount(long id) {
        return account(id).orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "account not provisioned"));
    }

    // --- writes ---

    void seal(Table table, byte[] key, byte[] payload) {
        batch.put(table, key, Frame.seal(key, payload));
    }

    void delete(Table table, byte[] key) {
        batch.delete(table, key);
    }

    void put(AccountRow row) {
        seal(Table.ACCOUNTS, Keys.account(row.id()), row.encode());
        touchedAccounts.add(row.id());
    }

    /**
     * An account row whose quota usage alone changed. Usage is not replicated (each slot counts
     * its own records), so this queues nothing: a delivery's mailbox entry is all a replica needs,
     * where an account entry per delivery doubled every channel's queue for nothing.
     */
    void putUsage(AccountRow row) {
        seal(Table.ACCOUNTS, Keys.account(row.id()), row.encode());
    }

    void put(MailboxRow row) {
        seal(Table.MAILBOXES, Keys.mailbox(row.id()), row.encode());
        touchedMailboxes.add(row.id());
    }

    void putName(long accountId, MailboxName name, MailboxId id) {
        seal(Table.MAILBOX_NAMES, Keys.name(accountId, name), Keys.mailbox(id));
    }

    void putMessage(MailboxId mailbox, MessageRecord record) {
        seal(Table.MESSAGES, Keys.message(mailbox, record.uid()), MessageRow.encode(record));
        seal(Table.MODSEQ, Keys.modSeq(mailbox, record.modSeq(), record.uid()), ModSeqEntry.live());
    }

    /** Removes a record and its MODSEQ entry; with a tombstone MODSEQ it leaves a tombstone (QRESYNC). */
    void removeMessage(MailboxId mailbox, MessageRecord record, long tombstoneModSeq) {
        delete(Table.MESSAGES, Keys.message(mailbox, record.uid()));
        delete(Table.SUMMARIES, Keys.message(mailbox, record.uid()));
        delete(Table.MODSEQ, Keys.modSeq(mailbox, record.modSeq(), record.uid()));
        if (tombstoneModSeq > 0) putTombstone(mailbox, tombstoneModSeq, record.uid(), record.guid());
        blobRef(record.guid(), null, -1);
    }

    /** A tombstone in the MODSEQ index: the UID was expunged at this MODSEQ and named this GUID. */
    void putTombstone(MailboxId mailbox, long modSeq, long uid, Guid guid) {
        seal(Table.MODSEQ, Keys.modSeq(mailbox, modSeq, uid), ModSeqEntry.expunged(guid));
    }

    /** Replaces a record whose flags changed, moving its MODSEQ entry. */
    void replaceMessage(MailboxId mailbox, MessageRecord old, MessageRecord updated) {
        delete(Table.MODSEQ, Keys.modSeq(mailbox, old.modSeq(), old.uid()));
        putMessage(mailbox, updated);
    }

    void putSummary(MailboxId mailbox, long uid, byte[] summary) {
        seal(Table.SUMMARIES, Keys.message(mailbox, uid), summary);
    }

    /**
     * Adds {@code delta} references to a blob. A first reference needs the location the bytes
     * were appended at. Rows at zero references stay until compaction reclaims the bytes.
     */
    void blobRef(Guid guid, BlobLocation appendedAt, long delta) {
        blobRef(guid, blob(guid), appendedAt, delta);
    }

    private void blobRef(Guid guid, Optional<BlobRow> existing, BlobLocation appendedAt, long delta) {
        BlobRow row;
        if (existing.isPresent()) row = existing.get().withRefs(delta);
        else if (appendedAt != null && delta > 0) {
            row = new BlobRow(appendedAt.segment(), appendedAt.offset(), appendedAt.length(), delta);
        } else throw new MailboxException(Reason.CORRUPTED, "message bytes " + guid + " are not in the store");
        if (row.refCount() < 0)
            throw new MailboxException(Reason.CORRUPTED, "blob " + guid + " reference count below zero");
        seal(Table.BLOBS, Keys.blob(guid), row.encode());
    }

    /**
     * References a message's bytes from a new record. If this commit is the first to reference
     * bytes just appended to a segment, they must be durable when it commits: small messages are
     * journaled in the commit itself, larger ones make the commit sync the segments first.
     */
    void newBlobRef(MessageWrites.NewMessage msg, long delta) {
        var existing = blob(msg.guid());
        blobRef(msg.guid(), existing, msg.appendedAt(), delta);
        if (existing.isPresent()) return;
        if (msg.journal() != null) {
            seal(Table.JOURNAL, Keys.blob(msg.guid()), msg.journal());
            journaled.add(msg.guid());
        } else needsSegmentSync = true;
    }

    /**
     * Records that {@code uidValidity} was given (a replica creating its master's mailbox), so a
     * mailbox this slot creates later, as master, gets a higher one.
     */
    void uidValidityGiven(long uidValidity) {
        byte[] key = Keys.meta("uidvalidity");
        byte[] last = payload(Table.META, key);
        if (last != null && ByteBuffer.wrap(last).getLong() >= uidValidity) return;
        seal(Table.META, key, ByteBuffer.allocate(8).putLong(uidValidity).array());
    }

    /** A UIDVALIDITY unique on this slot: the time in seconds, or one more than the last one given. */
    long nextUidValidity() {
        byte[] key = Keys.meta("uidvalidity");
        byte[] last = payload(Table.META, key);
        long previous = last == null ? 0 : ByteBuffer.wrap(last).getLong();
        long next = Math.max(now.getEpochSecond(), previous + 1);
        if (next > 0xFFFF_FFFFL) throw new MailboxException(Reason.LIMIT, "UIDVALIDITY space exhausted");
        seal(Table.META, key, ByteBuffer.allocate(8).putLong(next).array());
        return next;
    }
}
