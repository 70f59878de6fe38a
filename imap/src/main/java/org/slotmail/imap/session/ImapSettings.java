package org.slotmail.imap.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slotmail.imap.syntax.Limits;
import org.slotmail.net.ListenerSettings;
import org.slotmail.net.login.PlaintextLogins;

/**
 * How an IMAP server behaves: the host name it greets with, input limits, the command rate it
 * allows, whether passwords may travel without TLS, and the TLS context for STARTTLS (null: none).
 *
 * @param plaintextLogins whether LOGIN and AUTHENTICATE take a password without TLS: never, from
 *     loopback addresses only (the default, as Dovecot's), or always; where not, LOGINDISABLED is
 *     advertised until STARTTLS (RFC 9051 §6.2.3)
 * @param commandsPerSecond commands one connection may run per second before it is slowed down
 * @param idleTimeout how long a connection may stay silent; RFC 9051 §5.4 asks for at least 30 min
 *     (shorter values are for tests)
 * @param connectionBuffer read and write buffer per connection, which dominates an idle session's
 *     memory
 */
public record ImapSettings(
        String hostName,
        Limits limits,
        PlaintextLogins plaintextLogins,
        int commandsPerSecond,
        Duration idleTimeout,
        int connectionBuffer,
        int maxConnections,
        int maxConnectionsPerAddress,
        SSLContext tls) {
    /** RFC 9051 §5.4: an inactivity autologout timer of at least 30 minutes; a minute more for clocks. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(31);

    public ImapSettings {
        java.util.Objects.requireNonNull(plaintextLogins, "plaintextLogins");
    }

    public static ImapSettings defaults(String hostName, long maxMessageSize) {
        return new ImapSettings(
                hostName,
                Limits.defaults(maxMessageSize),
                PlaintextLogins.LOOPBACK,
                5000,
                DEFAULT_IDLE_TIMEOUT,
                2048,
                10_000,
                1000,
                null);
    }

    public ImapSettings withTls(SSLContext context) {
        return new ImapSettings(
                hostName,
                limits,
                plaintextLogins,
                commandsPerSecond,
                idleTimeout,
                connectionBuffer,
                maxConnections,
                maxConnectionsPerAddress,
                context);
    }

    public ImapSettings withPlaintextLogins(PlaintextLogins policy) {
        return new ImapSettings(
                hostName,
                limits,
                policy,
                commandsPerSecond,
                idleTimeout,
                connectionBuffer,
                maxConnections,
                maxConnectionsPerAddress,
                tls);
    }

    public ImapSettings withIdleTimeout(Duration timeout) {
        return new ImapSettings(
                hostName,
                limits,
                plaintextLogins,
                commandsPerSecond,
                timeout,
                connectionBuffer,
                maxConnections,
                maxConnectionsPerAddress,
                tls);
    }

    public ImapSettings withConnectionLimits(int total, int perAddress) {
        return new ImapSettings(
                hostName,
                limits,
                plaintextLogins,
                commandsPerSecond,
                idleTimeout,
                connectionBuffer,
                total,
                perAddress,
                tls);
    }

    /** Settings for a listener; with {@code implicitTls} every connection starts with a TLS handshake (port 993). */
    public ListenerSettings listenerSettings(String name, InetSocketAddress bind, boolean implicitTls) {
        var settings = ListenerSettings.defaults(name, bind)
                .withLimits(maxConnections, maxConnectionsPerAddress)
                .withIdleTimeout(idleTimeout)
                .withBufferSize(Math.max(512, connectionBuffer));
        return implicitTls ? settings.withImplicitTls(tls) : settings;
    }
}
