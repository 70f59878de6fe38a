package org.slotmail.pop3.session;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slotmail.net.ListenerSettings;
import org.slotmail.net.login.PlaintextLogins;

/**
 * How a POP3 server behaves: the host name it greets with, input limits, whether passwords may
 * travel without TLS, and the TLS context for STLS and POP3S (null: none).
 *
 * @param maxLineLength longest command line, and longest SASL response line, in bytes; RFC 2449 §4
 *     asks for at least 255 for commands, and SASL responses (RFC 5034 §4) run longer
 * @param plaintextLogins whether USER/PASS and AUTH take a password without TLS: never, from
 *     loopback only (the default, as Dovecot's) or always; where refused they answer -ERR until
 *     STLS, and CAPA does not offer them
 * @param idleTimeout how long a connection may stay silent; RFC 1939 §3 asks for at least 10 min
 * @param maxBadCommands unknown, malformed or misplaced commands a connection may send before it is
 *     closed
 * @param connectionBuffer read and write buffer per connection, which dominates an idle session's
 *     memory
 */
public record Pop3Settings(
        String hostName,
        int maxLineLength,
        PlaintextLogins plaintextLogins,
        Duration idleTimeout,
        int maxBadCommands,
        int connectionBuffer,
        int maxConnections,
        int maxConnectionsPerAddress,
        SSLContext tls) {
    public Pop3Settings {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(plaintextLogins, "plaintextLogins");
        if (maxLineLength < 255)
            throw new IllegalArgumentException("maxLineLength below RFC 2449's 255: " + maxLineLength);
        if (maxBadCommands < 1) throw new IllegalArgumentException("maxBadCommands must be positive");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
    }

    public static Pop3Settings defaults(String hostName) {
        return new Pop3Settings(
                hostName, 4096, PlaintextLogins.LOOPBACK, Duration.ofMinutes(10), 10, 4096, 10_000, 1000, null);
    }

    public Pop3Settings withTls(SSLContext context) {
        return new Pop3Settings(
                hostName,
                maxLineLength,
                plaintextLogins,
                idleTimeout,
                maxBadCommands,
                connectionBuffer,
                maxConnections,
                maxConnectionsPerAddress,
                context);
    }

    public Pop3Settings withIdleTimeout(Duration timeout) {
        return new Pop3Settings(
                hostName,
                maxLineLength,
                plaintextLogins,
                timeout,
                maxBadCommands,
                connectionBuffer,
                maxConnections,
                maxConnectionsPerAddress,
                tls);
    }

    public Pop3Settings withPlaintextLogins(PlaintextLogins allowed) {
        return new Pop3Settings(
                hostName,
                maxLineLength,
                allowed,
                idleTimeout,
                maxBadCommands,
                connectionBuffer,
                maxConnections,
                maxConnectionsPerAddress,
                tls);
    }

    /** Settings for a listener; with {@code implicitTls} every connection starts with a TLS handshake (port 995). */
    public ListenerSettings listenerSettings(String name, InetSocketAddress bind, boolean implicitTls) {
        var settings = ListenerSettings.defaults(name, bind)
                .withLimits(maxConnections, maxConnectionsPerAddress)
                .withIdleTimeout(idleTimeout)
                .withBufferSize(Math.max(512, connectionBuffer));
        return implicitTls ? settings.withImplicitTls(tls) : settings;
    }
}
