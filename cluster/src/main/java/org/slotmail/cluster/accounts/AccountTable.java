package org.slotmail.cluster.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.QuotaLimits;

/** The SQL of the {@code accounts} and {@code deleted_accounts} tables; callers own transactions. */
final class AccountTable {
    private static final String COLUMNS = "id, address, password_hash, quota_bytes, quota_messages, created_at";

    private AccountTable() {}

    static Optional<StoredAccount> find(Connection c, String address) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE address = ?")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new StoredAccount(account(r), r.getString("password_hash"), created(r)));
            }
        }
    }

    /** Inserts an account and returns it with the id the database gave it. */
    static Account insert(Connection c, String address, String passwordHash, QuotaLimits quota, Instant created)
            throws SQLException {
        // RETURNING works on SQLite (3.35+) and PostgreSQL alike.
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO accounts (address, password_hash, quota_bytes, quota_messages, created_at)"
                        + " VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            s.setString(1, address);
            s.setString(2, passwordHash);
            s.setLong(3, quota.maxBytes());
            s.setLong(4, quota.maxMessages());
            s.setLong(5, created.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) throw new SQLException("insert into accounts returned no id");
                return new Account(r.getLong(1), address, quota);
            }
        }
    }

    static List<AccountInfo> list(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts ORDER BY address");
                ResultSet r = s.executeQuery()) {
            List<AccountInfo> accounts = new ArrayList<>();
            while (r.next()) {
                accounts.add(new AccountInfo(account(r), created(r)));
            }
            return accounts;
        }
    }

    static boolean setPasswordHash(Connection c, String address, String passwordHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE accounts SET password_hash = ? WHERE address = ?")) {
            s.setString(1, passwordHash);
            s.setString(2, address);
            return s.executeUpdate() == 1;
        }
    }

    /** Replaces a hash only if it is still the one read, so a rehash never undoes a password change. */
    static boolean replacePasswordHash(Connection c, long id, String expected, String replacement) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE accounts SET password_hash = ? WHERE id = ? AND password_hash = ?")) {
            s.setString(1, replacement);
            s.setLong(2, id);
            s.setString(3, expected);
            return s.executeUpdate() == 1;
        }
    }

    static boolean setQuota(Connection c, String address, QuotaLimits quota) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE accounts SET quota_bytes = ?, quota_messages = ? WHERE address = ?")) {
            s.setLong(1, quota.maxBytes());
            s.setLong(2, quota.maxMessages());
            s.setString(3, address);
            return s.executeUpdate() == 1;
        }
    }

    /** Moves an account to {@code deleted_accounts}; run inside a transaction. */
    static void moveToDeleted(Connection c, Account account, Instant deleted) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO deleted_accounts (id, address, deleted_at) VALUES (?, ?, ?)")) {
            s.setLong(1, account.id());
            s.setString(2, account.address());
            s.setLong(3, deleted.toEpochMilli());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
            s.setLong(1, account.id());
            s.executeUpdate();
        }
    }

    static List<DeletedAccount> deleted(Connection c) throws SQLException {
        try (PreparedStatement s =
                        c.prepareStatement("SELECT id, address, deleted_at FROM deleted_accounts ORDER BY id");
                ResultSet r = s.executeQuery()) {
            List<DeletedAccount> accounts = new ArrayList<>();
            while (r.next()) {
                accounts.add(new DeletedAccount(
                        r.getLong("id"), r.getString("address"), Instant.ofEpochMilli(r.getLong("deleted_at"))));
            }
            return accounts;
        }
    }

    private static Instant created(ResultSet r) throws SQLException {
        return Instant.ofEpochMilli(r.getLong("created_at"));
    }

    private static Account account(ResultSet r) throws SQLException {
        return new Account(
                r.getLong("id"),
                r.getString("address"),
                new QuotaLimits(r.getLong("quota_bytes"), r.getLong("quota_messages")));
    }
}
