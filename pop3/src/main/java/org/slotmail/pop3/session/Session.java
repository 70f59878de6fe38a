package org.slotmail.pop3.session;

import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.net.Connection;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginGuard;
import org.slotmail.pop3.response.ReplyWriter;

/**
 * The state of one POP3 session (RFC 1939 §3): AUTHORIZATION until a login succeeds, TRANSACTION
 * with a {@link Maildrop} after it, UPDATE once the client sent QUIT, and CLOSED when the
 * connection is to end. Command handlers read and change it; only the connection's own thread
 * touches it.
 */
public final class Session {
    private static final Logger log = LoggerFactory.getLogger(Session.class);

    /** RFC 1939 §3 states, and CLOSED: nothing more is read from the client. */
    public enum State {
        AUTHORIZATION,
        TRANSACTION,
        UPDATE,
        CLOSED
    }

    /** Whether this slot may serve clients now; a replica refuses logins (DESIGN §3). */
    @FunctionalInterface
    public interface Role {
        boolean servesClients();
    }

    private final Connection connection;
    private final ReplyWriter out;
    private final MailStore store;
    private final AccountDirectory directory;
    private final Pop3Settings settings;
    private final Role role;
    private final LoginGuard guard;
    private AccountSessions.Lease lease;
    private State state = State.AUTHORIZATION;
    private String pendingUser;
    private Account account;
    private Maildrop maildrop;
    private int failedLogins;

    public Session(
            Connection connection,
            ReplyWriter out,
            MailStore store,
            AccountDirectory directory,
            Pop3Settings settings,
            Role role,
            LoginGuard guard) {
        this.connection = connection;
        this.guard = guard;
        this.out = out;
        this.store = store;
        this.directory = directory;
        this.settings = settings;
        this.role = role;
    }

    /** The slot's failed-login throttle and session limit, shared with IMAP. */
    public LoginGuard guard() {
        return guard;
    }

    public Connection connection() {
        return connection;
    }

    public ReplyWriter out() {
        return out;
    }

    public MailStore store() {
        return store;
    }

    public AccountDirectory directory() {
        return directory;
    }

    public Pop3Settings settings() {
        return settings;
    }

    public Role role() {
        return role;
    }

    public State state() {
        return state;
    }

    public Account account() {
        return account;
    }

    /** The snapshot taken at login; null before. */
    public Maildrop maildrop() {
        return maildrop;
    }

    /** The name given with USER, waiting for PASS (RFC 1939 §7); null when none is. */
    public String pendingUser() {
        return pendingUser;
    }

    public void pendingUser(String name) {
        this.pendingUser = name;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public void loginFailed() {
        failedLogins++;
        pendingUser = null;
    }

    /**
     * Enters the TRANSACTION state with the account's maildrop, holding {@code lease} (one of the
     * account's sessions) until {@link #end()}.
     */
    public void loggedIn(Account account, Maildrop maildrop, AccountSessions.Lease lease) {
        this.lease = lease;
        this.account = account;
        this.maildrop = maildrop;
        this.pendingUser = null;
        this.state = State.TRANSACTION;
    }

    /** QUIT in the TRANSACTION state: the session applies its deletions (RFC 1939 §6). */
    public void enterUpdate() {
        state = State.UPDATE;
    }

    /** Nothing more is read; the connection ends after the replies written so far. */
    public void close() {
        state = State.CLOSED;
    }

    /** Whether the connection is protected by TLS (implicit, or after STLS). */
    public boolean secure() {
        return connection != null && connection.isSecure();
    }

    /** Whether a password may be accepted on this connection now. */
    public boolean plaintextAuthAllowed() {
        InetSocketAddress remote = connection == null ? null : connection.remoteAddress();
        return settings.plaintextLogins().allows(secure(), remote == null ? null : remote.getAddress());
    }

    /** Whether STLS can be offered now (RFC 2595 §4: in AUTHORIZATION, and not twice). */
    public boolean tlsAvailable() {
        return settings.tls() != null && !secure() && state == State.AUTHORIZATION;
    }

    /**
     * Called once when the connection ends, however it ends: messages the client retrieved become
     * \Seen. Deletions are not applied here: only QUIT applies them (RFC 1939 §6), so a dropped
     * connection removes nothing.
     */
    public void end() {
        if (lease != null) lease.close();
        if (maildrop == null) return;
        try {
            maildrop.markRetrievedSeen();
        } catch (MailboxException e) {
            log.atWarn()
                    .setMessage("could not mark retrieved messages seen")
                    .addKeyValue("account", account.address())
                    .addKeyValue("reason", e.reason())
                    .log();
        }
    }
}
