package org.slotmail.imap.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Authenticate;
import org.slotmail.imap.syntax.Login;
import org.slotmail.imap.syntax.SyntaxException;
import org.slotmail.mailbox.Account;

/**
 * LOGIN and AUTHENTICATE PLAIN (RFC 9051 §6.2.2-3, RFC 4616, SASL-IR RFC 4959). Passwords are
 * only taken over TLS or from loopback; each failure costs the client a growing pause, and the
 * fifth ends the connection.
 */
final class LoginHandler {
    private static final int MAX_FAILURES = 5;

    private LoginHandler() {}

    static Completion login(Login command, Session s) throws IOException {
        if (!s.plaintextAuthAllowed()) return Completion.no("PRIVACYREQUIRED", "LOGIN needs TLS: use STARTTLS");
        return authenticate(s, command.user(), command.password());
    }

    static Completion authenticate(Authenticate command, Session s) throws IOException {
        if (!command.mechanism().toUpperCase(Locale.ROOT).equals("PLAIN")) {
            return Completion.no("CANNOT", "unsupported mechanism; use PLAIN");
        }
        if (!s.plaintextAuthAllowed()) return Completion.no("PRIVACYREQUIRED", "AUTHENTICATE needs TLS: use STARTTLS");
        String response;
        if (command.initialResponse().isPresent()) {
            response = command.initialResponse().get();
        } else {
            s.out().continuation("");
            byte[] line;
            try {
                line = s.in().readRawLine();
            } catch (SyntaxException e) {
                return Completion.bad("response too long");
            }
            if (line == null) throw new java.io.EOFException("client left during AUTHENTICATE");
            response = new String(line, StandardCharsets.US_ASCII).strip();
        }
        if (response.equals("*")) return Completion.bad("AUTHENTICATE cancelled");
        byte[] decoded;
        try {
            decoded = response.equals("=") ? new byte[0] : Base64.getDecoder().decode(response);
        } catch (IllegalArgumentException e) {
            return Completion.bad("invalid base64");
        }
        // RFC 4616: [authzid] NUL authcid NUL passwd
        String text = new String(decoded, StandardCharsets.UTF_8);
        String[] parts = text.split("\0", -1);
        if (parts.length != 3) return Completion.bad("malformed PLAIN response");
        if (!parts[0].isEmpty() && !parts[0].equalsIgnoreCase(parts[1])) {
            return Completion.no("AUTHORIZATIONFAILED", "cannot act as another user");
        }
        return authenticate(s, parts[1], parts[2]);
    }

    private static Completion authenticate(Session s, String user, String password) throws IOException {
        if (!s.role().servesClients()) {
            return Completion.no("UNAVAILABLE", "this slot is a replica; connect to the store's master");
        }
        Optional<Account> account = s.directory().authenticate(user, password.toCharArray());
        if (account.isEmpty()) {
            s.loginFailed();
            pause(s.failedLogins());
            if (s.failedLogins() >= MAX_FAILURES) {
                s.out().untagged("BYE too many failed logins");
                s.logout();
            }
            return Completion.no("AUTHENTICATIONFAILED", "invalid credentials");
        }
        s.loggedIn(account.get());
        return Completion.ok("CAPABILITY " + String.join(" ", s.capabilities()), "logged in");
    }

    private static void pause(int failures) {
        try {
            Thread.sleep(Duration.ofMillis(Math.min(5000, 500L * failures)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
