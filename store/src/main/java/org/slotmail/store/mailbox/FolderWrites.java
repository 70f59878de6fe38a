package org.slotmail.store.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.SpecialUse;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.DeletedMailboxRow;
import org.slotmail.store.record.Keys;
import org.slotmail.store.record.MailboxRow;

/** Account and mailbox changes run inside one {@link Txn}: provision, create, rename, delete, subscribe. */
final class FolderWrites {
    private FolderWrites() {}

    /** The folders every new account gets, with their special-use attributes (RFC 6154). */
    static final List<Map.Entry<String, Set<SpecialUse>>> DEFAULT_FOLDERS = List.of(
            Map.entry("INBOX", Set.of()),
            Map.entry("Drafts", Set.of(SpecialUse.DRAFTS)),
            Map.entry("Sent", Set.of(SpecialUse.SENT)),
            Map.entry("Trash", Set.of(SpecialUse.TRASH)),
            Map.entry("Junk", Set.of(SpecialUse.JUNK)),
            Map.entry("Archive", Set.of(SpecialUse.ARCHIVE)));

    /** Creates the account's row and default folders unless they exist. Idempotent. */
    static Void provision(Txn t, Account account) {
        if (t.account(account.id()).isPresent()) return null;
        t.put(new AccountRow(account.id(), account.address(), 0, 0));
        t.seal(Table.ACCOUNT_NAMES, Keys.address(account.address()), Keys.account(account.id()));
        for (var folder : DEFAULT_FOLDERS) {
            var name = new MailboxName(folder.getKey());
            if (t.mailboxId(account.id(), name).isEmpty()) createOne(t, account.id(), name, folder.getValue());
            subscribe(t, account.id(), name, true);
        }
        return null;
    }

    static MailboxRow create(Txn t, long accountId, MailboxName name, Set<SpecialUse> specialUse) {
        if (t.mailboxId(accountId, name).isPresent()) {
            throw new MailboxException(Reason.ALREADY_EXISTS, "mailbox " + name + " already exists");
        }
        createParents(t, accountId, name);
        return createOne(t, accountId, name, specialUse);
    }

    private static void createParents(Txn t, long accountId, MailboxName name) {
        for (MailboxName parent : name.ancestors()) {
            if (t.mailboxId(accountId, parent).isEmpty()) createOne(t, accountId, parent, Set.of());
        }
    }

    private static MailboxRow createOne(Txn t, long accountId, MailboxName name, Set<SpecialUse> specialUse) {
        var row =
                new MailboxRow(MailboxId.random(), accountId, name, t.nextUidValidity(), 1, 1, 0, 0, 0, 0, specialUse);
        t.put(row);
        t.putName(accountId, name, row.id());
        return row;
    }

    static Void rename(Txn t, Account account, MailboxName from, MailboxName to) {
        long accountId = account.id();
        MailboxRow source = t.requireMailbox(accountId, from);
        if (t.mailboxId(accountId, to).isPresent()) {
            throw new MailboxException(Reason.ALREADY_EXISTS, "mailbox " + to + " already exists");
        }
        if (to.isBelow(from)) throw new MailboxException(Reason.CANNOT, "cannot rename a mailbox into itself");
        if (from.isInbox()) {
            // RFC 9051 §6.3.6: INBOX's messages move to the new name; INBOX stays, empty.
            createParents(t, accountId, to);
            MailboxRow target = createOne(t, accountId, to, Set.of());
            MessageWrites.copy(t, account, source.id(), UidSet.ALL, target.id(), true);
            return null;
        }
        List<MailboxRow> moving = new ArrayList<>();
        moving.add(source);
        for (MailboxRow row : t.mailboxes(accountId)) if (row.name().isBelow(from)) moving.add(row);
        for (MailboxRow row : moving) {
            MailboxName newName = row.name().reparent(from, to);
            if (row != source && t.mailboxId(accountId, newName).isPresent()) {
                throw new MailboxException(Reason.ALREADY_EXISTS, "mailbox " + newName + " already exists");
            }
        }
        createParents(t, accountId, to);
        Set<MailboxName> subscribed = t.subscriptions(accountId);
        for (MailboxRow row : moving) {
            MailboxName newName = row.name().reparent(from, to);
            t.delete(Table.MAILBOX_NAMES, Keys.name(accountId, row.name()));
            t.putName(accountId, newName, row.id());
            t.put(row.withName(newName));
            if (subscribed.contains(row.name())) {
                subscribe(t, accountId, row.name(), false);
                subscribe(t, accountId, newName, true);
            }
        }
        return null;
    }

    static Void delete(Txn t, long accountId, MailboxName name) {
        if (name.isInbox()) throw new MailboxException(Reason.CANNOT, "INBOX cannot be deleted");
        MailboxRow row = t.requireMailbox(accountId, name);
        for (MailboxRow other : t.mailboxes(accountId)) {
            if (other.name().isBelow(name)) {
                throw new MailboxException(Reason.CANNOT, "mailbox " + name + " has children; delete them first");
            }
        }
        deleteWithContents(t, row);
        return null;
    }

    /**
     * Removes a mailbox with its records, MODSEQ index and tombstones, and remembers it as a
     * deleted mailbox (split-brain reconciliation tells "deleted here" from "created there" by it).
     */
    static void deleteWithContents(Txn t, MailboxRow row) {
        var records = t.messages(row.id(), UidSet.ALL);
        long bytes = 0;
        for (var r : records) {
            t.removeMessage(row.id(), r, 0);
            bytes += r.size();
        }
        // The MODSEQ index and its tombstones go with the mailbox.
        byte[] prefix = Keys.mailbox(row.id());
        var modSeqKeys = new ArrayList<byte[]>();
        try (KvStore.Cursor c = t.view.scan(Table.MODSEQ, prefix, Keys.after(prefix))) {
            for (; c.valid(); c.next()) modSeqKeys.add(c.key());
        }
        modSeqKeys.forEach(k -> t.delete(Table.MODSEQ, k));
        t.delete(Table.MAILBOX_NAMES, Keys.name(row.accountId(), row.name()));
        t.delete(Table.MAILBOXES, prefix);
        t.seal(
                Table.DELETED_MAILBOXES,
                Keys.deletedMailbox(row.accountId(), row.id()),
                DeletedMailboxRow.of(row).encode());
        t.touchedMailboxes.add(row.id());
        t.putUsage(t.requireAccount(row.accountId()).plus(-bytes, -records.size()));
    }

    /** Removes an account that the control plane deleted: every mailbox, message and subscription. */
    static Void purge(Txn t, long accountId) {
        var account = t.account(accountId);
        if (account.isEmpty()) return null;
        for (MailboxRow row : t.mailboxes(accountId)) deleteWithContents(t, row);
        for (MailboxName name : t.subscriptions(accountId)) subscribe(t, accountId, name, false);
        t.delete(Table.ACCOUNT_NAMES, Keys.address(account.get().address()));
        t.delete(Table.ACCOUNTS, Keys.account(accountId));
        t.touchedAccounts.add(accountId);
        return null;
    }

    static Void subscribe(Txn t, long accountId, MailboxName name, boolean on) {
        byte[] key = Keys.name(accountId, name);
        if (on) t.seal(Table.SUBSCRIPTIONS, key, new byte[0]);
        else t.delete(Table.SUBSCRIPTIONS, key);
        t.touchedAccounts.add(accountId);
        return null;
    }
}
