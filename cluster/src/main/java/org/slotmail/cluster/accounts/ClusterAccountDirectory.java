package org.slotmail.cluster.accounts;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.cluster.db.ClusterDatabase;
import org.slotmail.cluster.db.ClusterDatabaseException;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;

/**
 * The account directory slots and proxies log users in with. Lookups are cached, and the cache
 * is dropped whenever the cluster database changed (any process, any connection), so an account
 * added, changed or deleted elsewhere counts at once while a delivery costs no SQL query.
 */
public final class ClusterAccountDirectory implements AccountDirectory {
    /** The default domain when configuration names none. */
    public static final String DEFAULT_DOMAIN = "example.com";

    private static final Logger log = LoggerFactory.getLogger(ClusterAccountDirectory.class);

    private final ClusterDatabase database;
    private final PasswordHasher hasher;
    private final String defaultDomain;
    // Verified against when the user is unknown, so that answer takes as long as a wrong
    // password and a login attempt cannot tell which addresses exist.
    private final String decoyHash;
    private final VerifiedLogins verified = new VerifiedLogins(java.time.Clock.systemUTC());

    /** Lookups made while the database was at one version. */
    private record Cache(
            long version, java.util.concurrent.ConcurrentHashMap<String, Optional<StoredAccount>> byAddress) {}

    private volatile Cache cache = new Cache(Long.MIN_VALUE, new java.util.concurrent.ConcurrentHashMap<>());

    /**
     * @param defaultDomain the domain of a login given without one, e.g. {@code alice}
     * @throws InvalidAddressException if the default domain is not a host name
     */
    public ClusterAccountDirectory(ClusterDatabase database, PasswordHasher hasher, String defaultDomain) {
        this.database = database;
        this.hasher = hasher;
        this.defaultDomain = AccountAddress.checkDomain(defaultDomain);
        this.decoyHash = hasher.hash(randomPassword());
    }

    /** The domain a bare login gets. */
    public String defaultDomain() {
        return defaultDomain;
    }

    @Override
    public Optional<Account> find(String address) {
        return stored(address).map(StoredAccount::account);
    }

    @Override
    public Optional<Account> authenticate(String address, char[] password) {
        Optional<StoredAccount> stored = stored(address);
        if (stored.isEmpty()) {
            hasher.verify(password, decoyHash);
            // The name is the client's raw text (it may hold CR/LF, or a password typed into the
            // wrong field): the protocol's LoginThrottle logs it escaped, so it is not repeated here.
            log.debug("login refused: no such account");
            return Optional.empty();
        }
        StoredAccount account = stored.get();
        String canonical = account.account().address();
        if (verified.known(canonical, account.passwordHash(), password)) return Optional.of(account.account());
        if (!hasher.verify(password, account.passwordHash())) {
            log.atDebug().addKeyValue("address", account.account().address()).log("login refused: wrong password");
            return Optional.empty();
        }
        if (hasher.needsRehash(account.passwordHash())) rehash(account, password);
        else verified.remember(canonical, account.passwordHash(), password);
        return Optional.of(account.account());
    }

    @Override
    public List<Long> deletedAccountIds() {
        return database.read(AccountTable::deleted).stream()
                .map(DeletedAccount::id)
                .toList();
    }

    private Optional<StoredAccount> stored(String login) {
        return AccountAddress.forLogin(login, defaultDomain).flatMap(address -> cached(address.toString()));
    }

    private Optional<StoredAccount> cached(String address) {
        long version = database.changeCounter();
        Cache current = cache;
        if (current.version() != version) {
            current = new Cache(version, new java.util.concurrent.ConcurrentHashMap<>());
            cache = current;
        }
        // Read after the version: a commit in between only makes the cached answer newer.
        return current.byAddress().computeIfAbsent(address, a -> database.read(c -> AccountTable.find(c, a)));
    }

    // The login has just proved the password, the only moment we hold it to hash it anew.
    private void rehash(StoredAccount account, char[] password) {
        String fresh = hasher.hash(password);
        try {
            boolean replaced = database.write(
                    c -> AccountTable.replacePasswordHash(c, account.account().id(), account.passwordHash(), fresh));
            if (replaced) {
                log.atInfo()
                        .addKeyValue("address", account.account().address())
                        .log("password rehashed with the current argon2 cost");
            }
        } catch (ClusterDatabaseException e) {
            // The login itself succeeded; the next one will try again.
            log.atWarn()
                    .addKeyValue("address", account.account().address())
                    .setCause(e)
                    .log("password rehash not stored");
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) password[i] = (char) ('a' + random.nextInt(26));
        return password;
    }
}
