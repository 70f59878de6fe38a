package org.slotmail.bench.replication;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.sync.client.ReplicaSession;

/**
 * The INBOXes of the benchmark's accounts, in the accounts' order, found by address through a
 * slot's sync server (which answers reads whatever the slot's role). Mailbox ids are the same on
 * every slot of a store, so ids found on one slot name the same mailboxes on the others.
 */
record Inboxes(List<String> addresses, List<MailboxId> ids) {
    Inboxes {
        addresses = List.copyOf(addresses);
        ids = List.copyOf(ids);
    }

    static Inboxes find(ReplicaSession slot, List<String> addresses) throws IOException {
        Map<String, Long> accountIds = new HashMap<>();
        for (AccountState a : slot.accounts()) accountIds.put(a.address().toLowerCase(Locale.ROOT), a.accountId());
        var ids = new java.util.ArrayList<MailboxId>(addresses.size());
        for (String address : addresses) {
            Long account = accountIds.get(address.toLowerCase(Locale.ROOT));
            if (account == null) throw new IOException("the slot has no account " + address);
            MailboxId inbox = slot.mailboxesOf(account).stream()
                    .filter(s -> s.name().isInbox())
                    .map(MailboxState::id)
                    .findFirst()
                    .orElseThrow(() -> new IOException(address + " has no INBOX on the slot yet"));
            ids.add(inbox);
        }
        return new Inboxes(addresses, ids);
    }

    /** Each INBOX's state on {@code slot}, in the accounts' order. */
    List<MailboxState> states(ReplicaSession slot) throws IOException {
        Map<MailboxId, MailboxState> byId = new HashMap<>();
        for (MailboxState s : slot.states(ids)) byId.put(s.id(), s);
        var out = new java.util.ArrayList<MailboxState>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            MailboxState s = byId.get(ids.get(i));
            if (s == null) throw new IOException("the slot lacks the INBOX of " + addresses.get(i));
            out.add(s);
        }
        return out;
    }

    static long messages(List<MailboxState> states) {
        return states.stream().mapToLong(MailboxState::messages).sum();
    }
}
