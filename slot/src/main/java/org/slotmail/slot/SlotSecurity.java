package org.slotmail.slot;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slotmail.net.login.AccountSessions;
import org.slotmail.net.login.LoginThrottleSettings;
import org.slotmail.net.login.PlaintextLogins;

/**
 * How a slot guards its listeners and logins; the same for every protocol it serves.
 *
 * @param tlsCertificate PEM file with the server certificate and its intermediates; empty: the
 *     slot makes a self-signed demo certificate under {@code DIR/tls}
 * @param tlsKey PEM file with the private key (may be the certificate file); both are re-read
 *     when they change, without a restart
 * @param plaintextLogins whether IMAP and POP3 take passwords without TLS: never, from loopback
 *     (default) or always
 * @param maxSessionsPerAccount logged-in sessions one account may hold at once, IMAP and POP3
 *     together
 * @param loginThrottle failed-login delays and refusals, shared by IMAP and POP3
 */
public record SlotSecurity(
        Optional<Path> tlsCertificate,
        Optional<Path> tlsKey,
        PlaintextLogins plaintextLogins,
        int maxSessionsPerAccount,
        LoginThrottleSettings loginThrottle) {
    public SlotSecurity {
        Objects.requireNonNull(tlsCertificate, "tlsCertificate");
        Objects.requireNonNull(tlsKey, "tlsKey");
        Objects.requireNonNull(plaintextLogins, "plaintextLogins");
        Objects.requireNonNull(loginThrottle, "loginThrottle");
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("tlsCertificate and tlsKey go together: give both or neither");
        }
        if (maxSessionsPerAccount < 1) {
            throw new IllegalArgumentException("maxSessionsPerAccount must be positive: " + maxSessionsPerAccount);
        }
    }

    /** The demo certificate, passwords without TLS from loopback only, 50 sessions per account, default throttling. */
    public static SlotSecurity defaults() {
        return new SlotSecurity(
                Optional.empty(),
                Optional.empty(),
                PlaintextLogins.LOOPBACK,
                AccountSessions.DEFAULT_MAX_PER_ACCOUNT,
                LoginThrottleSettings.defaults());
    }

    /** The same with a configured certificate chain and key instead of the demo certificate. */
    public SlotSecurity withCertificate(Path certificate, Path key) {
        return new SlotSecurity(
                Optional.of(certificate), Optional.of(key), plaintextLogins, maxSessionsPerAccount, loginThrottle);
    }

    public SlotSecurity withPlaintextLogins(PlaintextLogins policy) {
        return new SlotSecurity(tlsCertificate, tlsKey, policy, maxSessionsPerAccount, loginThrottle);
    }

    public SlotSecurity withMaxSessionsPerAccount(int max) {
        return new SlotSecurity(tlsCertificate, tlsKey, plaintextLogins, max, loginThrottle);
    }

    public SlotSecurity withLoginThrottle(LoginThrottleSettings settings) {
        return new SlotSecurity(tlsCertificate, tlsKey, plaintextLogins, maxSessionsPerAccount, settings);
    }
}
