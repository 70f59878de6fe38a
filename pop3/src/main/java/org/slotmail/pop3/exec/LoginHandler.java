package org.slotmail.pop3.exec;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.net.Line;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LogText;
import org.slotmail.net.login.LoginAttempt;
import org.slotmail.net.login.LoginRefusal;
import org.slotmail.pop3.session.Maildrop;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;
import org.slotmail.pop3.syntax.Command;

/**
 * Logins: USER/PASS (RFC 1939 §7) and AUTH (RFC 5034) with PLAIN (RFC 4616) and LOGIN
 * (draft-murchison-sasl-login), each with or without an initial response. The rules are IMAP's:
 * passwords without TLS only as the slot's plaintext-login setting allows, a replica refuses every
 * login, failures go through the slot's shared throttle (growing pauses, then a temporary refusal,
 * judged by the client's own address) and the fifth on one connection ends it; the account's
 * sessions count against the same limit as its IMAP sessions. Every login of this module passes
 * through {@link #login}, the one place that decides.
 */
final class LoginHandler {
    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
    static final List<String> MECHANISMS = List.of("PLAIN", "LOGIN");
    private static final int MAX_FAILURES = 5;
    private static final String NEEDS_TLS = "plaintext authentication is not allowed without TLS; use STLS";
    // draft-murchison-sasl-login §2: the challenges are "Username:" and "Password:", in base64.
    private static final String USERNAME_PROMPT = "VXNlcm5hbWU6";
    private static final String PASSWORD_PROMPT = "UGFzc3dvcmQ6";

    private LoginHandler() {}

    /** Why a SASL exchange ended without credentials to check. */
    private static final class Abandoned extends Exception {
        final Status status;

        Abandoned(Status status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    static Status user(Command.User command, Session s) {
        if (!s.plaintextAuthAllowed()) return Status.err("AUTH", NEEDS_TLS);
        // The answer is the same whether the account exists: USER must not reveal that.
        s.pendingUser(command.name());
        return Status.ok("send PASS");
    }

    static Status pass(Command.Pass command, Session s) {
        if (!s.plaintextAuthAllowed()) return Status.err("AUTH", NEEDS_TLS);
        String user = s.pendingUser();
        if (user == null) return Status.bad("send USER first");
        s.pendingUser(null);
        return login(s, user, command.password());
    }

    static Status auth(Command.Auth command, Session s) throws IOException {
        if (!s.plaintextAuthAllowed()) return Status.err("AUTH", NEEDS_TLS);
        if (command.mechanism().isEmpty()) {
            s.out().ok("SASL mechanisms follow");
            for (String mechanism : MECHANISMS) s.out().line(mechanism);
            s.out().end();
            return Status.SENT;
        }
        try {
            return switch (command.mechanism().get()) {
                case "PLAIN" -> plain(command.initialResponse(), s);
                case "LOGIN" -> loginMechanism(command.initialResponse(), s);
                default -> Status.err(null, "unsupported SASL mechanism; use PLAIN or LOGIN");
            };
        } catch (Abandoned e) {
            return e.status;
        }
    }

    /** RFC 4616: [authzid] NUL authcid NUL passwd. */
    private static Status plain(Optional<String> initial, Session s) throws IOException, Abandoned {
        byte[] message = initial.isPresent() ? decode(initial.get()) : response(s, "");
        String[] parts = new String(message, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3) return Status.bad("malformed PLAIN response");
        if (!parts[0].isEmpty() && !parts[0].equalsIgnoreCase(parts[1])) {
            return Status.err("AUTH", "cannot act as another user");
        }
        return login(s, parts[1], parts[2]);
    }

    private static Status loginMechanism(Optional<String> initial, Session s) throws IOException, Abandoned {
        byte[] user = initial.isPresent() ? decode(initial.get()) : response(s, USERNAME_PROMPT);
        byte[] password = response(s, PASSWORD_PROMPT);
        return login(s, new String(user, StandardCharsets.UTF_8), new String(password, StandardCharsets.UTF_8));
    }

    /** Sends a challenge and reads the client's response line (RFC 5034 §4). */
    private static byte[] response(Session s, String challenge) throws IOException, Abandoned {
        s.out().challenge(challenge);
        Line line = s.connection().in().readLine(s.settings().maxLineLength());
        return switch (line) {
            case Line.End _ -> throw new EOFException("client left during AUTH");
            case Line.TooLong _ -> throw new Abandoned(Status.bad("SASL response too long"));
            case Line.Text text -> decode(text.latin1().strip());
        };
    }

    private static byte[] decode(String response) throws Abandoned {
        // RFC 5034 §4: "*" cancels; the server must answer -ERR.
        if (response.equals("*")) throw new Abandoned(Status.err(null, "AUTH cancelled"));
        if (response.equals("=")) return new byte[0];
        try {
            return Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            throw new Abandoned(Status.bad("invalid base64 in SASL response"));
        }
    }

    /**
     * Checks a user name and password and, when they are right, opens the maildrop. The shared
     * failed-login throttling (issue 4) plugs in here.
     */
    private static Status login(Session s, String user, String password) {
        if (!s.role().servesClients()) {
            return Status.err("SYS/TEMP", "this slot is a replica; connect to the store's master");
        }
        InetSocketAddress remote =
                s.connection() == null ? null : s.connection().remoteAddress();
        LoginAttempt<Account> attempt;
        try {
            // The slot's shared throttle: it pauses or refuses by this client's own failures,
            // and counts this one for IMAP as well.
            attempt = s.guard()
                    .throttle()
                    .attempt(
                            remote == null ? null : remote.getAddress(),
                            "pop3",
                            user,
                            () -> s.directory().authenticate(user, password.toCharArray()));
        } catch (RuntimeException e) {
            log.atWarn().setCause(e).log("account directory failed during login");
            return Status.err("SYS/TEMP", "cannot check credentials now, try again later");
        }
        Account account;
        switch (attempt) {
            case LoginAttempt.Accepted<Account>(Account a) -> account = a;
            case LoginAttempt.Rejected<Account>() -> {
                s.loginFailed();
                if (s.failedLogins() >= MAX_FAILURES) {
                    s.close();
                    return Status.err("AUTH", "invalid user name or password; too many failures, closing connection");
                }
                return Status.err("AUTH", "invalid user name or password");
            }
            case LoginAttempt.Refused<Account>(LoginRefusal refusal) -> {
                // As in IMAP: a refused client pays for a new connection for each further try.
                s.close();
                return Status.err("SYS/TEMP", refusal.text());
            }
        }
        Optional<AccountSessions.Lease> lease = s.guard().sessions().open(account.address());
        if (lease.isEmpty()) {
            log.atInfo()
                    .setMessage("login refused: too many sessions")
                    .addKeyValue("protocol", "pop3")
                    .addKeyValue("login", LogText.escape(account.address()))
                    .log();
            return Status.err(
                    "SYS/TEMP",
                    "this account already has " + s.guard().sessions().maxPerAccount()
                            + " sessions; log out elsewhere first");
        }
        Maildrop maildrop;
        try {
            maildrop = Maildrop.open(s.store().account(account));
        } catch (MailboxException e) {
            log.atWarn()
                    .setMessage("cannot open maildrop")
                    .addKeyValue("account", account.address())
                    .addKeyValue("reason", e.reason())
                    .log();
            lease.get().close();
            return Status.err("SYS/TEMP", "cannot open the maildrop now, try again later");
        }
        s.loggedIn(account, maildrop, lease.get());
        return Status.ok(
                "logged in, maildrop has " + maildrop.liveCount() + " messages (" + maildrop.liveSize() + " octets)");
    }
}
