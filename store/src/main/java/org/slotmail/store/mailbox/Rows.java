package org.slotmail.store.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.KvView;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.BlobRow;
import org.slotmail.store.record.Frame;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.MailboxRow;
import org.slotmail.store.record.MessageRow;

/** Typed reads of rows from one consistent view; every value's CRC32C is checked on the way. */
class Rows {
    final KvView view;

    Rows(KvView view) {
        this.view = view;
    }

    byte[] payload(Table table, byte[] key) {
        byte[] v = view.get(table, key);
        return v == null ? null : Frame.open(key, v);
    }

    Optional<AccountRow> account(long id) {
        return Optional.ofNullable(payload(Table.ACCOUNTS, Keys.account(id))).map(AccountRow::decode);
    }

    List<AccountRow> accounts() {
        var rows = new ArrayList<AccountRow>();
        try (var c = view.scan(Table.ACCOUNTS, new byte[0], null)) {
            for (; c.valid(); c.next()) rows.add(AccountRow.decode(Frame.open(c.key(), c.value())));
        }
        return rows;
    }

    Optional<Long> accountIdOf(String address) {
        return Optional.ofNullable(payload(Table.ACCOUNT_NAMES, Keys.address(address)))
                .map(Keys::accountId);
    }

    Optional<MailboxRow> mailbox(MailboxId id) {
        return Optional.ofNullable(payload(Table.MAILBOXES, Keys.mailbox(id))).map(MailboxRow::decode);
    }

    Optional<MailboxId> mailboxId(long accountId, MailboxName name) {
        return Optional.ofNullable(payload(Table.MAILBOX_NAMES, Keys.name(accountId, name)))
                .map(Keys::mailboxId);
    }

    /** The account's mailboxes in name order. */
    List<MailboxRow> mailboxes(long accountId) {
        var rows = new ArrayList<MailboxRow>();
        byte[] prefix = Keys.account(accountId);
        try (var c = view.scan(Table.MAILBOX_NAMES, prefix, Keys.after(prefix))) {
            for (; c.valid(); c.next()) {
                var id = Keys.mailboxId(Frame.open(c.key(), c.value()));
                mailbox(id).ifPresent(rows::add);
            }
        }
        return rows;
    }

    Optional<MessageRecord> message(MailboxId mailbox, long uid) {
        return Optional.ofNullable(payload(Table.MESSAGES, Keys.message(mailbox, uid)))
                .map(MessageRow::decode);
    }

    /** The records of the given UIDs that exist, in the order given, read in one batched lookup. */
    List<MessageRecord> messagesAt(MailboxId mailbox, List<Long> uids) {
        var out = new ArrayList<MessageRecord>(uids.size());
        // A few thousand keys per lookup: CHANGEDSINCE 1 on a huge mailbox holds no more at once.
        for (int start = 0; start < uids.size(); start += 4096) {
            var keys = new ArrayList<byte[]>();
            for (long uid : uids.subList(start, Math.min(uids.size(), start + 4096)))
                keys.add(Keys.message(mailbox, uid));
            List<byte[]> values = view.getAll(Table.MESSAGES, keys);
            for (int i = 0; i < keys.size(); i++) {
                byte[] value = values.get(i);
                if (value != null) out.add(MessageRow.decode(value, Frame.payloadLength(keys.get(i), value)));
            }
        }
        return out;
    }

    /** The records of a mailbox whose UIDs are in the set, ascending. */
    List<MessageRecord> messages(MailboxId mailbox, UidSet uids) {
        var out = new ArrayList<MessageRecord>();
        forEachMessage(mailbox, uids, out::add);
        return out;
    }

    void forEachMessage(MailboxId mailbox, UidSet uids, Consumer<MessageRecord> action) {
        for (UidSet.Range r : uids.ranges()) {
            byte[] to = Keys.message(mailbox, r.last() + 1); // UIDs stop at 2^32-1, so no overflow
            try (KvStore.Cursor c = view.scan(Table.MESSAGES, Keys.message(mailbox, r.first()), to)) {
                for (; c.valid(); c.next()) {
                    // Decoded in place: 100,000 records read copy no payload out of their values.
                    byte[] value = c.value();
                    action.accept(MessageRow.decode(value, Frame.payloadLength(c.key(), value)));
                }
            }
        }
    }

    Optional<BlobRow> blob(Guid guid) {
        return Optional.ofNullable(payload(Table.BLOBS, Keys.blob(guid))).map(BlobRow::decode);
    }

    /** The summary bytes of the messages whose UIDs are in the set, ascending. */
    void forEachSummary(MailboxId mailbox, UidSet uids, java.util.function.BiConsumer<Long, byte[]> action) {
        for (UidSet.Range r : uids.ranges()) {
            byte[] to = Keys.message(mailbox, r.last() + 1);
            try (KvStore.Cursor c = view.scan(Table.SUMMARIES, Keys.message(mailbox, r.first()), to)) {
                for (; c.valid(); c.next()) action.accept(Keys.uidOf(c.key()), Frame.open(c.key(), c.value()));
            }
        }
    }

    byte[] summary(MailboxId mailbox, long uid) {
        return payload(Table.SUMMARIES, Keys.message(mailbox, uid));
    }

    Set<MailboxName> subscriptions(long accountId) {
        var names = new TreeSet<MailboxName>();
        byte[] prefix = Keys.account(accountId);
        try (var c = view.scan(Table.SUBSCRIPTIONS, prefix, Keys.after(prefix))) {
            for (; c.valid(); c.next()) {
                Frame.open(c.key(), c.value());
                names.add(Keys.nameOf(c.key()));
            }
        }
        return names;
    }
}
