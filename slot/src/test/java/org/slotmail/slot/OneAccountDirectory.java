package org.slotmail.slot;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.QuotaLimits;

/** The control plane's accounts as a slot sees them: alice, with a password. */
public final class OneAccountDirectory implements AccountDirectory {
    public static final String USER = "alice@example.com";
    public static final String PASSWORD = "pw-secret-alice";
    public static final Account ALICE = new Account(11, USER, QuotaLimits.UNLIMITED);

    @Override
    public Optional<Account> find(String address) {
        return address.equalsIgnoreCase(USER) ? Optional.of(ALICE) : Optional.empty();
    }

    @Override
    public Optional<Account> authenticate(String address, char[] password) {
        return address.equalsIgnoreCase(USER) && Arrays.equals(password, PASSWORD.toCharArray())
                ? Optional.of(ALICE)
                : Optional.empty();
    }

    @Override
    public List<Long> deletedAccountIds() {
        return List.of();
    }
}
