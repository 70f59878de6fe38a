package org.slotmail.store.replica;

import java.util.Set;
import org.slotmail.mailbox.MailboxName;

/** An account's state outside its mailboxes: its address and its subscriptions. */
public record AccountState(long accountId, String address, Set<MailboxName> subscriptions) {
    public AccountState {
        subscriptions = Set.copyOf(subscriptions);
    }
}
