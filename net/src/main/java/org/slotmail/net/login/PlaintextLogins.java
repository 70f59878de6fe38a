package org.slotmail.net.login;

import java.net.InetAddress;
import java.util.Locale;

/**
 * Whether a password may be sent on a connection without TLS (RFC 9051 §6.2.3 LOGINDISABLED, RFC
 * 2595 §3.1, RFC 8314 §4). Over TLS a password is always accepted; this decides the plain-text case.
 * Used by IMAP and POP3 alike.
 */
public enum PlaintextLogins {
    /** Never: clients must use STARTTLS/STLS or the implicit TLS port first. */
    NEVER,
    /** Only from loopback addresses, e.g. a local webmail or proxy (Dovecot's default). */
    LOOPBACK,
    /** From anywhere: for a network already protected some other way. */
    ALWAYS;

    /** Whether a password may be taken from {@code client} on a connection that is or is not {@code secure}. */
    public boolean allows(boolean secure, InetAddress client) {
        if (secure) return true;
        return switch (this) {
            case NEVER -> false;
            case LOOPBACK -> client != null && client.isLoopbackAddress();
            case ALWAYS -> true;
        };
    }

    /** Reads a configuration value: {@code never}, {@code loopback} or {@code always}, in any case. */
    public static PlaintextLogins parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "plaintextLogins must be never, loopback or always, not \"" + LogText.escape(value) + "\"");
        }
    }

    /** The configuration spelling. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
