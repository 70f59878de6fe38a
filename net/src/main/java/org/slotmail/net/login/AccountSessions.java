package org.slotmail.net.login;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the logged-in sessions of each account, over every protocol that shares this object, and
 * refuses one more than the limit. A client that opens hundreds of sessions for one mailbox would
 * otherwise take memory and file handles from every other user. Memory is proportional to the
 * sessions open now: an account's entry goes when its last session ends.
 *
 * <p>A protocol opens a lease right after the password checked out and closes it when the session
 * ends: {@code Optional<Lease> lease = guard.sessions().open(account.address());} then, when empty,
 * IMAP answers {@code NO [LIMIT]} and POP3 {@code -ERR [IN-USE]}.
 */
public final class AccountSessions {
    /** Sessions one account may have open at once, over all protocols, unless configured. */
    public static final int DEFAULT_MAX_PER_ACCOUNT = 50;

    private final int maxPerAccount;
    private final Map<String, Integer> open = new HashMap<>();

    public AccountSessions(int maxPerAccount) {
        if (maxPerAccount < 1) throw new IllegalArgumentException("maxPerAccount must be positive: " + maxPerAccount);
        this.maxPerAccount = maxPerAccount;
    }

    public int maxPerAccount() {
        return maxPerAccount;
    }

    /** A lease for one more session of {@code account}, or empty when it already has the maximum. */
    public synchronized Optional<Lease> open(String account) {
        String key = account.toLowerCase(Locale.ROOT);
        int current = open.getOrDefault(key, 0);
        if (current >= maxPerAccount) return Optional.empty();
        open.put(key, current + 1);
        return Optional.of(new Lease(this, key));
    }

    /** Sessions {@code account} has open now. */
    public synchronized int count(String account) {
        return open.getOrDefault(account.toLowerCase(Locale.ROOT), 0);
    }

    private synchronized void release(String key) {
        open.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1);
    }

    /** One open session; closing it (once or more) gives the place back. */
    public static final class Lease implements AutoCloseable {
        private final AccountSessions owner;
        private final String key;
        private boolean closed;

        private Lease(AccountSessions owner, String key) {
            this.owner = owner;
            this.key = key;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) return;
                closed = true;
            }
            owner.release(key);
        }
    }
}
