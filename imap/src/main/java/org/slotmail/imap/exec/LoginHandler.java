package org.slotmail.imap.exec;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Authenticate;
import org.slotmail.imap.syntax.Login;
import org.slotmail.imap.syntax.SyntaxException;
import org.slotmail.mailbox.Account;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LogText;
import org.slotmail.net.login.LoginAttempt;
import org.slotmail.net.login.LoginRefusal;

/**
 * LOGIN and AUTHENTICATE PLAIN and LOGIN (RFC 9051 §6.2.2-3, RFC 4616, draft-murchison-sasl-login,
 * SASL-IR RFC 4959). Passwords are only taken where the plaintext-login setting allows; the slot's
 * {@link org.slotmail.net.login.LoginThrottle} decides the pause before each check and refuses
 * clients that failed too often; the fifth failure on one connection, or any refusal, ends it.
 */
final class LoginHandler {
    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
    private static final int MAX_FAILURES_PER_CONNECTION = 5;
    // draft-murchison-sasl-login-00 §2: the server's two challenges, as most servers send them.
    private static final String USERNAME_CHALLENGE = base64("Username:");
    private static final String PASSWORD_CHALLENGE = base64("Password:");

    private LoginHandler() {}

    /** One client response to a SASL challenge: its decoded bytes, or how the command ends instead. */
    private sealed interface Response {
        record Bytes(byte[] value) implements Response {}

        record Ends(Completion completion) implements Response {}
    }

    static Completion login(Login command, Session s) throws IOException {
        if (!s.plaintextAuthAllowed()) return Completion.no("PRIVACYREQUIRED", "LOGIN needs TLS: use STARTTLS");
        return authenticate(s, command.user(), command.password());
    }

    static Completion authenticate(Authenticate command, Session s) throws IOException {
        String mechanism = command.mechanism().toUpperCase(Locale.ROOT);
        if (!mechanism.equals("PLAIN") && !mechanism.equals("LOGIN")) {
            return Completion.no("CANNOT", "unsupported mechanism; use PLAIN or LOGIN");
        }
        if (!s.plaintextAuthAllowed()) return Completion.no("PRIVACYREQUIRED", "AUTHENTICATE needs TLS: use STARTTLS");
        return mechanism.equals("PLAIN") ? plain(command, s) : saslLogin(command, s);
    }

    /** RFC 4616: one response, {@code [authzid] NUL authcid NUL passwd}. */
    private static Completion plain(Authenticate command, Session s) throws IOException {
        Response response = respond(s, "", command.initialResponse());
        if (response instanceof Response.Ends(Completion end)) return end;
        String text = new String(((Response.Bytes) response).value(), StandardCharsets.UTF_8);
        String[] parts = text.split("\0", -1);
        if (parts.length != 3) return Completion.bad("malformed PLAIN response");
        if (!parts[0].isEmpty() && !parts[0].equalsIgnoreCase(parts[1])) {
            return Completion.no("AUTHORIZATIONFAILED", "cannot act as another user");
        }
        return authenticate(s, parts[1], parts[2]);
    }

    /**
     * draft-murchison-sasl-login: the server asks "Username:" then "Password:", each answered in
     * base64. With SASL-IR the initial response is the user name (RFC 4959 §3 lets it stand for the
     * first answer).
     */
    private static Completion saslLogin(Authenticate command, Session s) throws IOException {
        Response user = respond(s, USERNAME_CHALLENGE, command.initialResponse());
        if (user instanceof Response.Ends(Completion end)) return end;
        Response password = respond(s, PASSWORD_CHALLENGE, Optional.empty());
        if (password instanceof Response.Ends(Completion end)) return end;
        return authenticate(
                s,
                new String(((Response.Bytes) user).value(), StandardCharsets.UTF_8),
                new String(((Response.Bytes) password).value(), StandardCharsets.UTF_8));
    }

    /**
     * The initial response when there is one, else the client's answer to {@code challenge} (base64
     * already); "=" is an empty initial response (RFC 4959 §3), "*" cancels (RFC 9051 §6.2.2).
     */
    private static Response respond(Session s, String challenge, Optional<String> initial) throws IOException {
        String text;
        if (initial.isPresent()) {
            text = initial.get();
            if (text.equals("=")) return new Response.Bytes(new byte[0]);
        } else {
            s.out().continuation(challenge);
            byte[] line;
            try {
                line = s.in().readRawLine();
            } catch (SyntaxException e) {
                return new Response.Ends(Completion.bad("response too long"));
            }
            if (line == null) throw new EOFException("client left during AUTHENTICATE");
            text = new String(line, StandardCharsets.US_ASCII).strip();
        }
        if (text.equals("*")) return new Response.Ends(Completion.bad("AUTHENTICATE cancelled"));
        try {
            return new Response.Bytes(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return new Response.Ends(Completion.bad("invalid base64"));
        }
    }

    private static Completion authenticate(Session s, String user, String password) throws IOException {
        if (!s.role().servesClients()) {
            return Completion.no("UNAVAILABLE", "this slot is a replica; connect to the store's master");
        }
        InetAddress client = s.connection().remoteAddress().getAddress();
        LoginAttempt<Account> attempt = s.guard()
                .throttle()
                .attempt(client, "imap", user, () -> s.directory().authenticate(user, password.toCharArray()));
        return switch (attempt) {
            case LoginAttempt.Accepted<Account>(Account account) -> loggedIn(s, account);
            case LoginAttempt.Rejected<Account>() -> {
                s.loginFailed();
                if (s.failedLogins() >= MAX_FAILURES_PER_CONNECTION) {
                    s.out().untagged("BYE too many failed logins");
                    s.logout();
                }
                yield Completion.no("AUTHENTICATIONFAILED", "invalid credentials");
            }
            case LoginAttempt.Refused<Account>(LoginRefusal refusal) -> {
                // Refusals cost us nothing but a log line; ending the connection makes the client pay
                // a new one (and its connection limit) for each.
                s.out().untagged("BYE " + refusal.text());
                s.logout();
                yield Completion.no("UNAVAILABLE", refusal.text());
            }
        };
    }

    private static Completion loggedIn(Session s, Account account) {
        Optional<AccountSessions.Lease> lease = s.guard().sessions().open(account.address());
        if (lease.isEmpty()) {
            int max = s.guard().sessions().maxPerAccount();
            log.atInfo()
                    .setMessage("login refused: too many sessions")
                    .addKeyValue("protocol", "imap")
                    .addKeyValue(
                            "client",
                            s.connection().remoteAddress().getAddress().getHostAddress())
                    .addKeyValue("login", LogText.escape(account.address()))
                    .addKeyValue("max", max)
                    .log();
            return Completion.no("LIMIT", "this account already has " + max + " sessions; log out elsewhere first");
        }
        s.loggedIn(account, lease.get());
        return Completion.ok("CAPABILITY " + String.join(" ", s.capabilities()), "logged in");
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
