package org.slotmail.cluster.accounts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.cluster.db.ClusterDatabase;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.QuotaLimits;

/**
 * The admin side of accounts: add, list, change password or quota, delete. Addresses here are
 * always full ({@code local@domain}): an operator creating or deleting an account names it
 * exactly, while the default domain is a convenience for logins only.
 */
public final class Accounts {
    /** Longer passwords add nothing but work; the bound keeps a pasted file from being one. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final ClusterDatabase database;
    private final PasswordHasher hasher;
    private final Clock clock;

    public Accounts(ClusterDatabase database, PasswordHasher hasher) {
        this(database, hasher, Clock.systemUTC());
    }

    public Accounts(ClusterDatabase database, PasswordHasher hasher, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Creates an account; its id is new, never one a deleted account had. */
    public Account add(String address, char[] password, QuotaLimits quota) {
        String name = AccountAddress.parse(address).toString();
        checkPassword(password);
        // Hashed before the write transaction: Argon2 takes a good fraction of a second, and the
        // database's single write lock must not wait for it.
        String hash = hasher.hash(password);
        Account account = database.write(c -> {
            if (AccountTable.find(c, name).isPresent()) throw new AccountExistsException(name);
            return AccountTable.insert(c, name, hash, quota, clock.instant());
        });
        log.atInfo()
                .addKeyValue("address", name)
                .addKeyValue("id", account.id())
                .log("account added");
        return account;
    }

    /** One account, if it exists. */
    public Optional<AccountInfo> find(String address) {
        String name = AccountAddress.parse(address).toString();
        return database.read(c -> AccountTable.find(c, name)).map(StoredAccount::info);
    }

    /** One account; throws {@link UnknownAccountException} if there is none. */
    public AccountInfo get(String address) {
        return find(address)
                .orElseThrow(() -> new UnknownAccountException(
                        AccountAddress.parse(address).toString()));
    }

    /** Every account, by address. */
    public List<AccountInfo> list() {
        return database.read(AccountTable::list);
    }

    /** Replaces an account's password. */
    public void setPassword(String address, char[] password) {
        String name = AccountAddress.parse(address).toString();
        checkPassword(password);
        String hash = hasher.hash(password);
        if (!database.write(c -> AccountTable.setPasswordHash(c, name, hash))) throw new UnknownAccountException(name);
        log.atInfo().addKeyValue("address", name).log("account password changed");
    }

    /** Replaces an account's quota limits and returns the updated account. */
    public Account setQuota(String address, QuotaLimits quota) {
        String name = AccountAddress.parse(address).toString();
        Account account = database.write(c -> {
            if (!AccountTable.setQuota(c, name, quota)) throw new UnknownAccountException(name);
            return AccountTable.find(c, name).orElseThrow().account();
        });
        log.atInfo()
                .addKeyValue("address", name)
                .addKeyValue("maxBytes", quota.maxBytes())
                .addKeyValue("maxMessages", quota.maxMessages())
                .log("account quota changed");
        return account;
    }

    /**
     * Deletes an account and records its id in the deleted list, so its slots can purge its
     * mail. The address is free for a new account, which gets a new id.
     */
    public Account delete(String address) {
        String name = AccountAddress.parse(address).toString();
        Account account = database.write(c -> {
            Account found = AccountTable.find(c, name)
                    .orElseThrow(() -> new UnknownAccountException(name))
                    .account();
            AccountTable.moveToDeleted(c, found, clock.instant());
            return found;
        });
        log.atInfo()
                .addKeyValue("address", name)
                .addKeyValue("id", account.id())
                .log("account deleted");
        return account;
    }

    /** Deleted accounts whose mail may still be on slots, oldest first. */
    public List<DeletedAccount> deleted() {
        return database.read(AccountTable::deleted);
    }

    private static void checkPassword(char[] password) {
        if (password.length == 0) throw new AccountException("password is empty");
        if (password.length > MAX_PASSWORD_LENGTH) {
            throw new AccountException("password is longer than " + MAX_PASSWORD_LENGTH + " characters");
        }
    }
}
