package org.slotmail.imap.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.syntax.ImapInput;
import org.slotmail.imap.syntax.ModifiedUtf7;
import org.slotmail.imap.syntax.SyntaxException;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.net.Connection;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginGuard;

/**
 * The state of one IMAP session (RFC 9051 §3): who is logged in, which mailbox is selected, which
 * extensions the client enabled, and where responses go. Command handlers read and change it;
 * only the connection's own thread touches it.
 */
public final class Session {
    /** RFC 9051 §3 connection states. */
    public enum State {
        NOT_AUTHENTICATED,
        AUTHENTICATED,
        SELECTED,
        LOGOUT
    }

    private final Connection connection;
    private final ResponseWriter out;
    private final ImapInput in;
    private final MailStore store;
    private final AccountDirectory directory;
    private final ImapSettings settings;
    private final MailboxViews recent;
    private final Role role;
    private final LoginGuard guard;
    private AccountSessions.Lease lease;
    private State state = State.NOT_AUTHENTICATED;
    private Account account;
    private AccountMail mail;
    private SelectedMailbox selected;
    private boolean rev2;
    private boolean condstore;
    private boolean qresync;
    private boolean utf8;
    private boolean compressed;
    private int failedLogins;
    private String currentTag = "*";

    /** Whether this slot may serve clients now; a replica refuses logins (DESIGN §3). */
    @FunctionalInterface
    public interface Role {
        boolean servesClients();
    }

    public Session(
            Connection connection,
            ResponseWriter out,
            ImapInput in,
            MailStore store,
            AccountDirectory directory,
            ImapSettings settings,
            MailboxViews recent,
            Role role,
            LoginGuard guard) {
        this.connection = connection;
        this.out = out;
        this.in = in;
        this.store = store;
        this.directory = directory;
        this.settings = settings;
        this.recent = recent;
        this.role = role;
        this.guard = guard;
    }

    /** Failed-login throttling and the per-account session limit, shared with the slot's other protocols. */
    public LoginGuard guard() {
        return guard;
    }

    public ResponseWriter out() {
        return out;
    }

    public ImapInput in() {
        return in;
    }

    public Connection connection() {
        return connection;
    }

    public ImapSettings settings() {
        return settings;
    }

    public MailStore store() {
        return store;
    }

    public AccountDirectory directory() {
        return directory;
    }

    public MailboxViews views() {
        return recent;
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

    public AccountMail mail() {
        return mail;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    public boolean rev2() {
        return rev2;
    }

    public boolean condstore() {
        return condstore;
    }

    public boolean qresync() {
        return qresync;
    }

    public boolean utf8() {
        return utf8 || rev2;
    }

    /** The tag of the command being executed (ESEARCH echoes it). */
    public String currentTag() {
        return currentTag;
    }

    public void currentTag(String tag) {
        this.currentTag = tag;
    }

    public int failedLogins() {
        return failedLogins;
    }

    public void loginFailed() {
        failedLogins++;
    }

    /** Logged in, holding {@code lease} (one of the account's sessions) until {@link #end()}. */
    public void loggedIn(Account account, AccountSessions.Lease lease) {
        this.lease = lease;
        this.account = account;
        this.mail = store.account(account);
        this.state = State.AUTHENTICATED;
    }

    public void logout() {
        unselect();
        state = State.LOGOUT;
    }

    public void enableRev2() {
        rev2 = true;
        out.utf8Quoted(true);
    }

    public void enableUtf8() {
        utf8 = true;
        out.utf8Quoted(true);
    }

    /** CONDSTORE is on once any command used it (RFC 7162 §3.1, "CONDSTORE enabling commands"). */
    public void enableCondstore() {
        condstore = true;
    }

    public void enableQresync() {
        qresync = true;
        condstore = true;
    }

    public void compressionStarted() {
        compressed = true;
    }

    public boolean compressed() {
        return compressed;
    }

    /** Whether the connection is protected by TLS (implicit, or after STARTTLS). */
    public boolean secure() {
        return connection != null && connection.isSecure();
    }

    /** Whether a password may be accepted on this connection now. */
    public boolean plaintextAuthAllowed() {
        if (connection == null) return false;
        InetSocketAddress remote = connection.remoteAddress();
        return settings.plaintextLogins().allows(secure(), remote == null ? null : remote.getAddress());
    }

    /** The connection is over: closes the selected mailbox and gives back the account's session. */
    public void end() {
        unselect();
        if (lease != null) lease.close();
    }

    /** Selects a mailbox: a new view of it, with the recent messages this session claims. */
    public SelectedMailbox select(Mailbox mailbox, MailboxInfo info, boolean readOnly) {
        unselect();
        UidMap uids = recent.uids(mailbox, info.highestModSeq());
        long last = uids.last();
        long recentAbove = readOnly ? recent.claimed(mailbox.id()) : recent.claim(mailbox.id(), last);
        if (rev2) recentAbove = Long.MAX_VALUE;
        selected = new SelectedMailbox(mailbox, readOnly, info, uids, recentAbove);
        state = State.SELECTED;
        return selected;
    }

    public void unselect() {
        if (selected != null) {
            selected.close();
            selected = null;
        }
        if (state == State.SELECTED) state = State.AUTHENTICATED;
    }

    /** Options for announcing changes, per the client's extensions and whether expunges may go out. */
    public SelectedMailbox.Options syncOptions(boolean allowExpunge, boolean uidCommand) {
        return new SelectedMailbox.Options(allowExpunge, qresync, condstore, uidCommand || qresync, !rev2);
    }

    /** Announces pending changes of the selected mailbox, if any. */
    public void sync(boolean allowExpunge, boolean uidCommand) throws IOException {
        if (selected == null) return;
        try {
            selected.sync(out, syncOptions(allowExpunge, uidCommand), recent);
        } catch (MailboxException e) {
            if (e.reason() != MailboxException.Reason.NONEXISTENT) throw e;
            // The mailbox was deleted by another session: RFC 9051 §7.1 leaves the session with BYE.
            out.untagged("BYE [NONEXISTENT] the selected mailbox was deleted");
            out.flush();
            state = State.LOGOUT;
        }
    }

    /** A mailbox name as the client wrote it, turned into a stored name (modified UTF-7 in IMAP4rev1). */
    public MailboxName mailboxName(String wire) {
        String name = wire;
        if (!utf8()) {
            try {
                name = ModifiedUtf7.decode(wire);
            } catch (SyntaxException e) {
                throw new MailboxException(MailboxException.Reason.INVALID_NAME, e.getMessage());
            }
        }
        if (name.indexOf('\0') >= 0) throw new MailboxException(MailboxException.Reason.INVALID_NAME, "NUL in name");
        return new MailboxName(name);
    }

    /** A stored name as this client reads it. */
    public String wireName(MailboxName name) {
        return utf8() ? name.value() : ModifiedUtf7.encode(name.value());
    }

    /** The capabilities to announce now (RFC 9051 §6.1.1). */
    public List<String> capabilities() {
        var caps = new ArrayList<String>();
        caps.add("IMAP4rev1");
        caps.add("IMAP4rev2");
        if (state == State.NOT_AUTHENTICATED) {
            if (settings.tls() != null && !secure()) caps.add("STARTTLS");
            if (plaintextAuthAllowed()) {
                caps.add("AUTH=PLAIN");
                caps.add("AUTH=LOGIN");
                caps.add("SASL-IR");
            } else {
                caps.add("LOGINDISABLED");
            }
        }
        caps.addAll(List.of(
                "LITERAL+",
                "ID",
                "ENABLE",
                "IDLE",
                "NAMESPACE",
                "UNSELECT",
                "UIDPLUS",
                "MOVE",
                "CHILDREN",
                "SPECIAL-USE",
                "CREATE-SPECIAL-USE",
                "LIST-EXTENDED",
                "LIST-STATUS",
                "ESEARCH",
                "SEARCHRES",
                "SORT",
                "THREAD=REFERENCES",
                "THREAD=ORDEREDSUBJECT",
                "CONDSTORE",
                "QRESYNC",
                "QUOTA",
                "QUOTA=RES-STORAGE",
                "QUOTA=RES-MESSAGE",
                "BINARY",
                "OBJECTID",
                "SAVEDATE",
                "STATUS=SIZE",
                "MULTIAPPEND",
                "WITHIN",
                "UTF8=ACCEPT",
                "APPENDLIMIT=" + settings.limits().maxMessageSize()));
        // RFC 4978 §3: COMPRESS is for authenticated sessions, once.
        if (!compressed && state != State.NOT_AUTHENTICATED) caps.add("COMPRESS=DEFLATE");
        return caps;
    }
}
