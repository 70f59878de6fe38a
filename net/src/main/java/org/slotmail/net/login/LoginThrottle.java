package org.slotmail.net.login;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed-login throttling shared by every protocol: a growing pause before a password is checked,
 * then a temporary refusal with a reason, keyed by client address and by login name.
 *
 * <p>Three tables count failures within a window: per client address (IPv6 by its /64, which one
 * subscriber usually holds whole), per (login name, address), and per login name with the number
 * of distinct addresses that failed for it. The pause comes from the failures of the client's own
 * address, for any account and for this one; so a storm of bad passwords from one address slows and
 * then locks out that address only, and the account's owner logs in from elsewhere at once. Only
 * when very many distinct addresses fail for one account (a distributed attack) does every address
 * get the longest pause for it, and even then nobody clean is refused.
 *
 * <p>Protocols call one method per login; the POP3 PASS or AUTH handler, for example:
 *
 * <pre>{@code
 * LoginAttempt<Account> attempt = guard.throttle().attempt(
 *         connection.remoteAddress().getAddress(), "pop3", user,
 *         () -> directory.authenticate(user, password));
 * switch (attempt) {
 *     case LoginAttempt.Accepted<Account>(Account account) -> ... // +OK, then AccountSessions.open
 *     case LoginAttempt.Rejected<Account>() -> ...                // -ERR [AUTH] invalid credentials
 *     case LoginAttempt.Refused<Account>(LoginRefusal r) -> ...   // -ERR [AUTH] + r.text()
 * }
 * }</pre>
 *
 * <p>Every refusal and every failed login is logged with the protocol, the address and the login
 * name (escaped by {@link LogText}); the password never reaches this class. Thread-safe; each
 * operation holds one lock for a few map lookups, and the pause is served outside it.
 */
public final class LoginThrottle {
    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    // Longer names are cut before they become keys: a flood of 64 KiB names must not cost 64 KiB
    // each. Real addresses are at most 254 characters (RFC 5321 §4.5.3.1.3).
    private static final int MAX_NAME = 320;

    private final LoginThrottleSettings settings;
    private final Clock clock;
    private final Table<InetAddress, Failures> byAddress;
    private final Table<Pair, Failures> byPair;
    private final Table<String, AccountFailures> byAccount;

    private record Pair(String login, InetAddress address) {}

    private record Failures(int count, Instant last) {}

    private record AccountFailures(int count, int addresses, Instant last) {}

    /** What {@link #check} decided: go ahead after a pause, or refused. */
    public sealed interface Verdict {
        /** Check the password after {@code delay} (zero for a clean client). */
        record Proceed(Duration delay) implements Verdict {}

        record Refuse(LoginRefusal refusal) implements Verdict {}
    }

    public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.byAddress = new Table<>(settings.maxTracked(), Failures::last);
        this.byPair = new Table<>(settings.maxTracked(), Failures::last);
        this.byAccount = new Table<>(settings.maxTracked(), AccountFailures::last);
    }

    public LoginThrottleSettings settings() {
        return settings;
    }

    /**
     * Runs one login: refuses it outright, or pauses as long as this client has earned, calls
     * {@code verify} (the password check; empty means wrong credentials or no such account) and
     * records the outcome. Logs refusals at WARN and failures at INFO. When the pause is interrupted
     * the interrupt flag is kept and the login refused.
     *
     * @param client the connection's remote address
     * @param protocol for the log, e.g. {@code imap}
     * @param login the name as the client sent it
     */
    public <T> LoginAttempt<T> attempt(
            InetAddress client, String protocol, String login, Supplier<Optional<T>> verify) {
        switch (check(client, login)) {
            case Verdict.Refuse(LoginRefusal refusal) -> {
                log.atWarn()
                        .setMessage("login refused: too many failures")
                        .addKeyValue("protocol", protocol)
                        .addKeyValue("client", client.getHostAddress())
                        .addKeyValue("login", LogText.escape(login))
                        .addKeyValue("reason", refusal.reason())
                        .addKeyValue("retryAfter", refusal.retryAfter())
                        .log();
                return new LoginAttempt.Refused<>(refusal);
            }
            case Verdict.Proceed(Duration delay) -> {
                if (!pause(delay)) {
                    return new LoginAttempt.Refused<>(new LoginRefusal(LoginRefusal.Reason.ADDRESS, delay));
                }
            }
        }
        Optional<T> verified = verify.get();
        if (verified.isPresent()) {
            succeeded(client, login);
            return new LoginAttempt.Accepted<>(verified.get());
        }
        int failures = failed(client, login);
        log.atInfo()
                .setMessage("login failed")
                .addKeyValue("protocol", protocol)
                .addKeyValue("client", client.getHostAddress())
                .addKeyValue("login", LogText.escape(login))
                .addKeyValue("failuresFromAddress", failures)
                .log();
        return new LoginAttempt.Rejected<>();
    }

    /** What to do with a login from {@code client} for {@code login}, before its password is checked. */
    public synchronized Verdict check(InetAddress client, String login) {
        Instant now = clock.instant();
        InetAddress address = network(client);
        String name = normalised(login);
        Failures fromAddress = live(byAddress.get(address), now);
        Failures pair = live(byPair.get(new Pair(name, address)), now);
        AccountFailures account = byAccount.get(name);
        if (account != null && expired(account.last(), now)) account = null;

        if (fromAddress != null && fromAddress.count() >= settings.maxFailuresPerAddress()) {
            return refuse(LoginRefusal.Reason.ADDRESS, fromAddress.last(), now);
        }
        if (pair != null && pair.count() >= settings.maxFailuresPerAccountAndAddress()) {
            return refuse(LoginRefusal.Reason.ACCOUNT_FROM_ADDRESS, pair.last(), now);
        }
        int own = Math.max(fromAddress == null ? 0 : fromAddress.count(), pair == null ? 0 : pair.count());
        Duration delay = delay(own);
        if (account != null && account.addresses() >= settings.distributedAttackAddresses()) {
            delay = settings.maxDelay();
        }
        return new Verdict.Proceed(delay);
    }

    /** Counts a failed login; returns the failures of the client's address in the window, this one included. */
    public synchronized int failed(InetAddress client, String login) {
        Instant now = clock.instant();
        InetAddress address = network(client);
        String name = normalised(login);
        Failures fromAddress = increment(live(byAddress.get(address), now), now);
        byAddress.put(address, fromAddress);
        var key = new Pair(name, address);
        Failures before = live(byPair.get(key), now);
        byPair.put(key, increment(before, now));
        AccountFailures account = byAccount.get(name);
        if (account == null || expired(account.last(), now)) account = new AccountFailures(0, 0, now);
        // A new pair means a new distinct address for this account. Pairs evicted for space are not
        // subtracted: the count may overstate, which only makes the account more careful.
        int addresses = before == null ? account.addresses() + 1 : account.addresses();
        byAccount.put(name, new AccountFailures(account.count() + 1, addresses, now));
        return fromAddress.count();
    }

    /**
     * Forgets the failures of this account from this address: the owner got it right. The address's
     * own count stays (others behind the same address may still be guessing), and so does the
     * account's count of failing addresses.
     */
    public synchronized void succeeded(InetAddress client, String login) {
        byPair.remove(new Pair(normalised(login), network(client)));
    }

    /** Entries held now, per table: addresses, pairs, accounts (for tests and metrics). */
    public synchronized int[] tracked() {
        return new int[] {byAddress.size(), byPair.size(), byAccount.size()};
    }

    private Verdict refuse(LoginRefusal.Reason reason, Instant last, Instant now) {
        Duration left = Duration.between(now, last.plus(settings.window()));
        return new Verdict.Refuse(new LoginRefusal(reason, left.isNegative() ? Duration.ZERO : left));
    }

    /** No pause for a clean client; then firstDelay, doubling per failure, up to maxDelay. */
    Duration delay(int failures) {
        if (failures <= 0) return Duration.ZERO;
        Duration delay = settings.firstDelay();
        for (int i = 1; i < failures && delay.compareTo(settings.maxDelay()) < 0; i++) delay = delay.multipliedBy(2);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    private Failures live(Failures failures, Instant now) {
        return failures == null || expired(failures.last(), now) ? null : failures;
    }

    private boolean expired(Instant last, Instant now) {
        return !now.isBefore(last.plus(settings.window()));
    }

    private static Failures increment(Failures failures, Instant now) {
        return new Failures(failures == null ? 1 : failures.count() + 1, now);
    }

    private static boolean pause(Duration delay) {
        if (delay.isZero()) return true;
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String normalised(String login) {
        String name = login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    /** IPv4 as is; IPv6 by its /64 prefix, since one subscriber is usually given a whole /64. */
    static InetAddress network(InetAddress address) {
        if (!(address instanceof Inet6Address)) return address;
        byte[] bytes = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("16 bytes are always an IPv6 address", e);
        }
    }

    /**
     * A map that keeps at most {@code capacity} entries, ordered by last write (which is the last
     * failure): each write drops the entries at the old end whose window has passed, and when still
     * full, the entry written longest ago. Callers hold the throttle's lock.
     */
    private final class Table<K, V> {
        private final int capacity;
        private final Function<V, Instant> lastFailure;
        private final LinkedHashMap<K, V> entries = new LinkedHashMap<>();

        Table(int capacity, Function<V, Instant> lastFailure) {
            this.capacity = capacity;
            this.lastFailure = lastFailure;
        }

        V get(K key) {
            return entries.get(key);
        }

        void put(K key, V value) {
            // Remove first, so a rewritten entry moves to the young end of the order.
            entries.remove(key);
            entries.put(key, value);
            Instant now = lastFailure.apply(value);
            Iterator<Map.Entry<K, V>> eldest = entries.entrySet().iterator();
            while (eldest.hasNext()) {
                V old = eldest.next().getValue();
                if (entries.size() <= capacity && !expired(lastFailure.apply(old), now)) break;
                eldest.remove();
            }
        }

        void remove(K key) {
            entries.remove(key);
        }

        int size() {
            return entries.size();
        }
    }
}
