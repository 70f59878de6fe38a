package org.slotmail.cluster.accounts;

import java.time.Instant;
import org.slotmail.mailbox.Account;

/** An account row with its password hash, which never leaves this package. */
record StoredAccount(Account account, String passwordHash, Instant created) {
    AccountInfo info() {
        return new AccountInfo(account, created);
    }

    @Override
    public String toString() {
        return "StoredAccount[" + account + "]";
    }
}
