package org.slotmail.store.mailbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AppendResult;
import org.slotmail.mailbox.CopyResult;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.StoreResult;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.blob.BlobLocation;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.MailboxRow;
import org.slotmail.store.record.MessageRow;

/**
 * Message changes, each run inside one {@link Txn}: append, flag changes, copy, move and expunge.
 * Every change takes the mailbox's next MODSEQ; UIDs come from UIDNEXT and are never reused.
 */
final class MessageWrites {
    private MessageWrites() {}

    /**
     * The GUID, size and summary of a message about to get a record; where its bytes were just
     * appended (null when the slot already had them), and, for a small message, the bytes
     * themselves to journal in the same commit. The summary is null for bytes a replica received:
     * its records carry the summaries their master sent.
     */
    record NewMessage(
            org.slotmail.mailbox.Guid guid, long size, byte[] summary, BlobLocation appendedAt, byte[] journal) {}

    static AppendResult append(
            Txn t, Account account, MailboxId mailbox, NewMessage msg, Flags flags, Instant internalDate) {
        MailboxRow row = t.requireMailbox(mailbox);
        checkQuota(t, account, row.accountId(), msg.size(), 1);
        long uid = row.uidNext();
        if (uid > UidSet.MAX_UID) throw new MailboxException(Reason.LIMIT, "mailbox has used every UID");
        long modSeq = row.highestModSeq() + 1;
        var record = new MessageRecord(uid, modSeq, flags, internalDate, t.now, msg.size(), msg.guid());
        t.putMessage(mailbox, record);
        t.putSummary(mailbox, uid, msg.summary());
        t.newBlobRef(msg, 1);
        t.put(row.changed(uid + 1, modSeq, 1, unseen(flags), msg.size(), MessageRow.syncCrc(record)));
        t.putUsage(t.requireAccount(row.accountId()).plus(msg.size(), 1));
        return new AppendResult(row.uidValidity(), uid);
    }

    static StoreResult store(Txn t, MailboxId mailbox, UidSet uids, FlagUpdate update, OptionalLong unchangedSince) {
        MailboxRow row = t.requireMailbox(mailbox);
        long modSeq = row.highestModSeq() + 1;
        var records = new ArrayList<MessageRecord>();
        var modified = new ArrayList<Long>();
        long dUnseen = 0;
        int crcDelta = 0;
        for (MessageRecord old : t.messages(mailbox, uids)) {
            // RFC 7162 §3.1.3: a message changed after UNCHANGEDSINCE is left alone and reported.
            if (unchangedSince.isPresent() && old.modSeq() > unchangedSince.getAsLong()) {
                modified.add(old.uid());
                records.add(old);
                continue;
            }
            Flags flags = update.applyTo(old.flags());
            if (flags.equals(old.flags())) {
                records.add(old); // nothing changed, so no new MODSEQ
                continue;
            }
            MessageRecord updated = old.withFlags(flags, modSeq);
            t.replaceMessage(mailbox, old, updated);
            dUnseen += unseen(flags) - unseen(old.flags());
            crcDelta ^= MessageRow.syncCrc(old) ^ MessageRow.syncCrc(updated);
            records.add(updated);
        }
        if (records.stream().anyMatch(r -> r.modSeq() == modSeq)) {
            t.put(row.changed(row.uidNext(), modSeq, 0, dUnseen, 0, crcDelta));
        }
        return new StoreResult(records, modified);
    }

    /** Copies (or moves) the messages with these UIDs into {@code target}, in UID order. */
    static CopyResult copy(Txn t, Account account, MailboxId source, UidSet uids, MailboxId target, boolean move) {
        MailboxRow from = t.requireMailbox(source);
        MailboxRow to = t.requireMailbox(target);
        if (from.accountId() != account.id() || to.accountId() != account.id()) {
            throw new MailboxException(Reason.NONEXISTENT, "no such mailbox"); // never across accounts
        }
        List<MessageRecord> records = t.messages(source, uids);
        if (records.isEmpty()) return new CopyResult(to.uidValidity(), List.of(), List.of());
        long bytes = records.stream().mapToLong(MessageRecord::size).sum();
        if (!move) checkQuota(t, account, to.accountId(), bytes, records.size());
        long uid = to.uidNext();
        if (uid + records.size() - 1 > UidSet.MAX_UID)
            throw new MailboxException(Reason.LIMIT, "target has used every UID");
        long modSeq = to.highestModSeq() + 1;
        var sourceUids = new ArrayList<Long>();
        var targetUids = new ArrayList<Long>();
        long unseen = 0;
        int crc = 0;
        for (MessageRecord r : records) {
            var copy = new MessageRecord(uid, modSeq, r.flags(), r.internalDate(), t.now, r.size(), r.guid());
            byte[] summary = t.summary(source, r.uid());
            t.putMessage(target, copy);
            if (summary != null) t.putSummary(target, uid, summary);
            t.blobRef(r.guid(), null, 1);
            unseen += unseen(r.flags());
            crc ^= MessageRow.syncCrc(copy);
            sourceUids.add(r.uid());
            targetUids.add(uid++);
        }
        t.put(to.changed(uid, modSeq, records.size(), unseen, bytes, crc));
        t.putUsage(t.requireAccount(to.accountId()).plus(bytes, records.size()));
        if (move) remove(t, source, records);
        return new CopyResult(to.uidValidity(), sourceUids, targetUids);
    }

    /** Expunges messages flagged \Deleted, only those in {@code uids} when given (UID EXPUNGE). */
    static List<Long> expunge(Txn t, MailboxId mailbox, Optional<UidSet> uids) {
        t.requireMailbox(mailbox);
        var doomed = t.messages(mailbox, uids.orElse(UidSet.ALL)).stream()
                .filter(r -> r.flags().has(Flags.DELETED))
                .toList();
        remove(t, mailbox, doomed);
        return doomed.stream().map(MessageRecord::uid).toList();
    }

    /** Removes records under one new MODSEQ, leaving tombstones, and updates counts and quota. */
    static void remove(Txn t, MailboxId mailbox, List<MessageRecord> records) {
        if (records.isEmpty()) return;
        MailboxRow row = t.requireMailbox(mailbox); // re-read: a move into the same mailbox changed it
        long modSeq = row.highestModSeq() + 1;
        long bytes = 0, unseen = 0;
        int crc = 0;
        for (MessageRecord r : records) {
            t.removeMessage(mailbox, r, modSeq);
            bytes += r.size();
            unseen += unseen(r.flags());
            crc ^= MessageRow.syncCrc(r);
        }
        t.put(row.changed(row.uidNext(), modSeq, -records.size(), -unseen, -bytes, crc));
        t.putUsage(t.requireAccount(row.accountId()).plus(-bytes, -records.size()));
    }

    private static void checkQuota(Txn t, Account account, long accountId, long bytes, long messages) {
        AccountRow usage = t.requireAccount(accountId);
        if (!account.quota().allows(usage.usage(), bytes, messages)) {
            throw new MailboxException(Reason.OVER_QUOTA, "quota exceeded");
        }
    }

    private static long unseen(Flags flags) {
        return flags.has(Flags.SEEN) ? 0 : 1;
    }
}
