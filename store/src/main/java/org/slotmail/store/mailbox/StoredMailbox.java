package org.slotmail.store.mailbox;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AppendResult;
import org.slotmail.mailbox.Changes;
import org.slotmail.mailbox.CopyResult;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxListener;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.mailbox.StoreResult;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.Frame;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.MailboxRow;
import org.slotmail.store.record.ModSeqEntry;

/** A handle on one mailbox of one account, by id. */
final class StoredMailbox implements Mailbox {
    private final SlotStore store;
    private final Account account;
    private final MailboxId id;

    StoredMailbox(SlotStore store, Account account, MailboxId id) {
        this.store = store;
        this.account = account;
        this.id = id;
    }

    @Override
    public MailboxId id() {
        return id;
    }

    @Override
    public MailboxInfo info() {
        return Failures.guard(() -> store.read(this::row).info());
    }

    private MailboxRow row(Rows r) {
        MailboxRow row =
                r.mailbox(id).orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "mailbox no longer exists"));
        if (row.accountId() != account.id()) throw new MailboxException(Reason.NONEXISTENT, "mailbox no longer exists");
        return row;
    }

    @Override
    public AppendResult append(StagedMessage message, Flags flags, Instant internalDate) {
        return Failures.guard(() -> {
            store.read(this::row);
            var msg = store.prepare(message);
            return store.write(t -> MessageWrites.append(t, account, id, msg, flags, internalDate));
        });
    }

    @Override
    public List<MessageRecord> fetch(UidSet uids) {
        return Failures.guard(() -> store.read(r -> {
            MailboxRow row = row(r);
            // A large read (a FETCH of every message's flags) is served from the mailbox's records
            // as of this snapshot's HIGHESTMODSEQ, read once and kept while nothing changes.
            RecordCache cache = store.recordCache();
            RecordCache.Entry cached = cache.get(id, row.highestModSeq());
            if (cached == null && cache.worthBuilding(row.messages(), uids)) {
                cached = RecordCache.entry(row.highestModSeq(), r.messages(id, UidSet.ALL));
                cache.put(id, cached);
            }
            return cached != null ? RecordCache.select(cached, uids) : r.messages(id, uids);
        }));
    }

    @Override
    public List<MessageRecord> fetchBySequence(long first, long last) {
        if (first < 1 || last < first) throw new IllegalArgumentException("bad sequence range " + first + ":" + last);
        return Failures.guard(() -> store.read(r -> {
            row(r);
            var out = new ArrayList<MessageRecord>();
            long seq = 0;
            byte[] prefix = Keys.mailbox(id);
            try (KvStore.Cursor c = r.view.scan(Table.MESSAGES, prefix, Keys.after(prefix))) {
                for (; c.valid() && seq < last; c.next()) {
                    if (++seq >= first)
                        out.add(org.slotmail.store.record.MessageRow.decode(Frame.open(c.key(), c.value())));
                }
            }
            return out;
        }));
    }

    @Override
    public long[] uids() {
        return Failures.guard(() -> store.read(r -> {
            row(r);
            var out = new java.util.ArrayList<Long>();
            byte[] prefix = Keys.mailbox(id);
            try (KvStore.Cursor c = r.view.scan(Table.MESSAGES, prefix, Keys.after(prefix))) {
                for (; c.valid(); c.next()) out.add(Keys.uidOf(c.key()));
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }));
    }

    @Override
    public MessageSummary summary(long uid) {
        return Failures.guard(() -> {
            byte[] bytes = store.read(r -> {
                row(r);
                return r.summary(id, uid);
            });
            if (bytes == null) throw new MailboxException(Reason.NONEXISTENT, "no message with UID " + uid);
            try {
                return MessageSummary.fromBytes(bytes);
            } catch (IllegalArgumentException e) {
                throw new MailboxException(Reason.CORRUPTED, "cached summary of UID " + uid + " is damaged", e);
            }
        });
    }

    @Override
    public java.util.Map<Long, MessageSummary> summaries(UidSet uids) {
        return Failures.guard(() -> store.read(r -> {
            row(r);
            // Read in ascending order, so insertion order is UID order: no sorted map needed.
            var out = new java.util.LinkedHashMap<Long, MessageSummary>();
            r.forEachSummary(id, uids, (uid, bytes) -> {
                try {
                    out.put(uid, MessageSummary.fromBytes(bytes));
                } catch (IllegalArgumentException ex) {
                    throw new MailboxException(Reason.CORRUPTED, "cached summary of UID " + uid + " is damaged", ex);
                }
            });
            return out;
        }));
    }

    @Override
    public InputStream content(long uid) {
        return Failures.guard(() -> {
            MessageRecord record = store.read(r -> {
                        row(r);
                        return r.message(id, uid);
                    })
                    .orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "no message with UID " + uid));
            return store.content(record);
        });
    }

    @Override
    public StoreResult store(UidSet uids, FlagUpdate update, OptionalLong unchangedSince) {
        return Failures.guard(() -> store.write(t -> {
            owned(t);
            return MessageWrites.store(t, id, uids, update, unchangedSince);
        }));
    }

    @Override
    public CopyResult copy(UidSet uids, MailboxName target) {
        return copyOrMove(uids, target, false);
    }

    @Override
    public CopyResult move(UidSet uids, MailboxName target) {
        return copyOrMove(uids, target, true);
    }

    private CopyResult copyOrMove(UidSet uids, MailboxName target, boolean move) {
        return Failures.guard(() -> store.write(t -> {
            owned(t);
            MailboxId targetId = t.mailboxId(account.id(), target)
                    .orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "no mailbox named " + target));
            return MessageWrites.copy(t, account, id, uids, targetId, move);
        }));
    }

    @Override
    public List<Long> expunge(Optional<UidSet> uids) {
        return Failures.guard(() -> store.write(t -> {
            owned(t);
            return MessageWrites.expunge(t, id, uids);
        }));
    }

    private void owned(Txn t) {
        if (t.requireMailbox(id).accountId() != account.id()) {
            throw new MailboxException(Reason.NONEXISTENT, "mailbox no longer exists");
        }
    }

    @Override
    public Changes changesSince(long modSeq) {
        return Failures.guard(() -> store.read(r -> {
            MailboxRow row = row(r);
            var live = new ArrayList<Long>();
            var vanished = new ArrayList<Long>();
            byte[] prefix = Keys.mailbox(id);
            try (KvStore.Cursor c = r.view.scan(Table.MODSEQ, Keys.modSeqFrom(id, modSeq + 1), Keys.after(prefix))) {
                for (; c.valid(); c.next()) {
                    byte[] entry = Frame.open(c.key(), c.value());
                    (ModSeqEntry.isExpunged(entry) ? vanished : live).add(Keys.modSeqUidOf(c.key()));
                }
            }
            List<MessageRecord> changed =
                    r.messagesAt(id, live.stream().sorted().toList());
            return new Changes(changed, vanished.stream().sorted().toList(), row.highestModSeq());
        }));
    }

    @Override
    public AutoCloseable listen(MailboxListener listener) {
        return store.listen(id, listener);
    }
}
