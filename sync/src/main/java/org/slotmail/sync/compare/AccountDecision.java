package org.slotmail.sync.compare;

import java.util.Optional;
import org.slotmail.store.replica.AccountState;

/** What a sync client does about an account's non-mailbox state (its subscriptions). */
public sealed interface AccountDecision {
    long accountId();

    record InSync(long accountId) implements AccountDecision {}

    /** Make the replica's account exactly this. */
    record Put(AccountState target) implements AccountDecision {
        @Override
        public long accountId() {
            return target.accountId();
        }
    }

    /** The master purged the account: remove everything of it on the replica. */
    record Purge(long accountId) implements AccountDecision {}

    /** Equal (or both absent) → nothing; the master lacks it → purge; otherwise → the master's state. */
    static AccountDecision decide(long accountId, Optional<AccountState> master, Optional<AccountState> replica) {
        if (master.isEmpty()) return replica.isEmpty() ? new InSync(accountId) : new Purge(accountId);
        if (master.equals(replica)) return new InSync(accountId);
        return new Put(master.get());
    }
}
