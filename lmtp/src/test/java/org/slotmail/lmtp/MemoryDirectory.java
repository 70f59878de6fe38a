package org.slotmail.lmtp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.QuotaLimits;

/** Accounts in memory for the LMTP tests; a bare local part gets {@code example.com}. */
final class MemoryDirectory implements AccountDirectory {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    volatile RuntimeException failure;

    Account add(String address, QuotaLimits quota) {
        var account = new Account(ids.incrementAndGet(), address, quota);
        accounts.put(address.toLowerCase(Locale.ROOT), account);
        return account;
    }

    @Override
    public Optional<Account> find(String address) {
        if (failure != null) throw failure;
        String key = address.contains("@") ? address : address + "@example.com";
        return Optional.ofNullable(accounts.get(key));
    }

    @Override
    public Optional<Account> authenticate(String address, char[] password) {
        return Optional.empty();
    }
}
