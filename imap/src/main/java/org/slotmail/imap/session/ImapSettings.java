package org.slotmail.imap.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slotmail.imap.syntax.Limits;
import org.slotmail.net.ListenerSettings;

/**
 * How an IMAP server behaves: the host name it greets with, input limits, the command rate it
 * allows, whether passwords may travel without TLS, and the TLS context for STARTTLS (null: none).
 *
 * @param plaintextAuthOnLoopback allow LOGIN and AUTHENTICATE PLAIN without TLS from loopback
 *     addresses only (Dovecot's default); elsewhere LOGINDISABLED is advertised until STARTTLS
 * @param commandsPerSecond commands one connection may run per second before it is slowed down
 * @param idleTimeout how long a connection may stay silent; RFC 9051 §5.4 asks for at least 30 min
 * @param connectionBuffer read and write buffer per connection, which dominates an idle session's
 *     memory
 */
public record ImapSettings(
        String hostName,
        Limits limits,
        boolean plaintextAuthOnLoopback,
        int commandsPerSecond,
        Duration idleTimeout,
        int connectionBuffer,
        int maxConnections,
        int maxConnectionsPerAddress,
        SSLContext tls) {
    public static ImapSettings defaults(String hostName, long maxMessageSize) {
        return new ImapSettings(
                hostName,
                Limits.defaults(maxMessageSize),
                true,
                5000,
                Duration.ofMinutes(31),
                2048,
                10_000,
                1000,
                null);
    }

    public ImapSettings withTls(SSLContext context) {
        return new ImapSettings(
                hostName,
                limits,
                plaintextAuthOnLoopback,
                commandsPerSecond,
                idleTimeout,
                connectionBuffer,
                maxConnections,
                maxConnectionsPerAddress,
                context);
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
