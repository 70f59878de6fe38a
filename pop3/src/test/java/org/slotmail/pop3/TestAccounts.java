package org.slotmail.pop3;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.QuotaLimits;

/** Accounts with plain passwords in memory, for the POP3 tests. */
final class TestAccounts implements AccountDirectory {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    Account add(String address, String password) {
        var account = new Account(ids.incrementAndGet(), address, QuotaLimits.UNLIMITED);
        accounts.put(address.toLowerCase(Locale.ROOT), account);
        passwords.put(address.toLowerCase(Locale.ROOT), password);
        return account;
    }

    @Override
    public Optional<Account> find(String address) {
        return Optional.ofNullable(accounts.get(address.toLowerCase(Locale.ROOT)));
    }

    @Override
    public Optional<Account> authenticate(String address, char[] password) {
        String key = address.toLowerCase(Locale.ROOT);
        String expected = passwords.get(key);
        if (expected == null || !expected.equals(new String(password))) return Optional.empty();
        return find(key);
    }
}
