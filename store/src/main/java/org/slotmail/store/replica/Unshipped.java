package org.slotmail.store.replica;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.record.ChangeEntry;

/**
 * What a store changed while it was a master and no replica confirmed: the entries still queued
 * on its channels and those set aside. On a slot that is now a replica these are the writes a new
 * master may never have seen (a forced failover, a split brain), so they are reconciled before
 * anything else is replicated to it, and then forgotten ({@link ReplicaStore#forgetUnshipped}).
 *
 * @param mailboxes the mailboxes those changes touched
 * @param accounts the accounts whose own state (subscriptions) they touched
 * @param queuedThrough per channel, the number of the last queued entry read
 * @param parked the set-aside changes read, per channel
 */
public record Unshipped(
        Set<MailboxId> mailboxes,
        Set<Long> accounts,
        Map<String, Long> queuedThrough,
        Map<String, List<ChangeEntry>> parked) {
    public Unshipped {
        mailboxes = Set.copyOf(mailboxes);
        accounts = Set.copyOf(accounts);
        queuedThrough = Map.copyOf(queuedThrough);
        parked = Map.copyOf(parked);
    }

    public static final Unshipped NONE = new Unshipped(Set.of(), Set.of(), Map.of(), Map.of());

    public boolean isEmpty() {
        return mailboxes.isEmpty() && accounts.isEmpty();
    }
}
