package org.slotmail.store.mailbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.QuotaUsage;
import org.slotmail.mailbox.SpecialUse;
import org.slotmail.store.record.AccountRow;
import org.slotmail.store.record.MailboxRow;

/** One account's view of the store. Every lookup is by this account's id: no other account is reachable. */
final class StoredAccountMail implements AccountMail {
    private final SlotStore store;
    private final Account account;

    StoredAccountMail(SlotStore store, Account account) {
        this.store = store;
        this.account = account;
    }

    @Override
    public Account account() {
        return account;
    }

    @Override
    public List<MailboxInfo> list() {
        return Failures.guard(() -> store.read(r -> r.mailboxes(account.id())).stream()
                .map(MailboxRow::info)
                .toList());
    }

    @Override
    public Optional<MailboxInfo> find(MailboxName name) {
        return Failures.guard(() -> store.read(
                r -> r.mailboxId(account.id(), name).flatMap(r::mailbox).map(MailboxRow::info)));
    }

    @Override
    public org.slotmail.mailbox.Mailbox open(MailboxName name) {
        MailboxInfo info =
                find(name).orElseThrow(() -> new MailboxException(Reason.NONEXISTENT, "no mailbox named " + name));
        return new StoredMailbox(store, account, info.id());
    }

    @Override
    public MailboxInfo create(MailboxName name, Set<SpecialUse> specialUse) {
        return Failures.guard(() -> store.write(t -> FolderWrites.create(t, account.id(), name, specialUse))
                .info());
    }

    @Override
    public void rename(MailboxName from, MailboxName to) {
        Failures.guard(() -> store.write(t -> FolderWrites.rename(t, account, from, to)));
    }

    @Override
    public void delete(MailboxName name) {
        Failures.guard(() -> store.write(t -> FolderWrites.delete(t, account.id(), name)));
    }

    @Override
    public void subscribe(MailboxName name) {
        Failures.guard(() -> store.write(t -> FolderWrites.subscribe(t, account.id(), name, true)));
    }

    @Override
    public void unsubscribe(MailboxName name) {
        Failures.guard(() -> store.write(t -> FolderWrites.subscribe(t, account.id(), name, false)));
    }

    @Override
    public Set<MailboxName> subscriptions() {
        return Failures.guard(() -> store.read(r -> r.subscriptions(account.id())));
    }

    @Override
    public QuotaUsage quotaUsage() {
        return Failures.guard(() ->
                store.read(r -> r.account(account.id())).map(AccountRow::usage).orElse(new QuotaUsage(0, 0)));
    }

    /** Opens a mailbox by name for this account; used by handles to resolve COPY/MOVE targets. */
    Mailbox openById(org.slotmail.mailbox.MailboxId id) {
        return new StoredMailbox(store, account, id);
    }
}
