package org.slotmail.net;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How a {@link Listener} accepts and bounds connections.
 *
 * @param name used in thread names and logs, e.g. {@code lmtp}
 * @param bind address and port to listen on; port 0 picks a free port
 * @param backlog pending connections the kernel queues before accept
 * @param maxConnections connections served at once, in total
 * @param maxConnectionsPerAddress connections served at once from one client address
 * @param idleTimeout how long a read may wait for the client before it fails
 * @param bufferSize size of each connection's read and write buffers
 * @param tls plain text, or TLS from the first byte
 * @param handshakeTimeout how long a whole TLS handshake may take, implicit or after STARTTLS
 */
public record ListenerSettings(
        String name,
        InetSocketAddress bind,
        int backlog,
        int maxConnections,
        int maxConnectionsPerAddress,
        Duration idleTimeout,
        int bufferSize,
        TlsMode tls,
        Duration handshakeTimeout) {
    public ListenerSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (name.isBlank()) throw new IllegalArgumentException("listener name is blank");
        if (backlog < 1) throw new IllegalArgumentException("backlog must be positive: " + backlog);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be positive");
        if (maxConnectionsPerAddress < 1)
            throw new IllegalArgumentException("maxConnectionsPerAddress must be positive");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idleTimeout must be between 1 ms and ~24 days: " + idleTimeout);
        }
        if (bufferSize < 512) throw new IllegalArgumentException("bufferSize must be at least 512: " + bufferSize);
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
    }

    /**
     * Defaults: plain text, 1000 connections, 100 per address, 5 minutes idle (RFC 5321 §4.5.3.2.7),
     * 16 KiB buffers, 30 seconds for a TLS handshake.
     */
    public static ListenerSettings defaults(String name, InetSocketAddress bind) {
        return new ListenerSettings(
                name,
                bind,
                128,
                1000,
                100,
                Duration.ofMinutes(5),
                16 * 1024,
                new TlsMode.Plain(),
                Duration.ofSeconds(30));
    }

    public ListenerSettings withLimits(int total, int perAddress) {
        return new ListenerSettings(
                name, bind, backlog, total, perAddress, idleTimeout, bufferSize, tls, handshakeTimeout);
    }

    public ListenerSettings withIdleTimeout(Duration timeout) {
        return new ListenerSettings(
                name,
                bind,
                backlog,
                maxConnections,
                maxConnectionsPerAddress,
                timeout,
                bufferSize,
                tls,
                handshakeTimeout);
    }

    /** The same listener with another per-connection buffer size (it bounds an idle connection's memory). */
    public ListenerSettings withBufferSize(int size) {
        return new ListenerSettings(
                name,
                bind,
                backlog,
                maxConnections,
                maxConnectionsPerAddress,
                idleTimeout,
                size,
                tls,
                handshakeTimeout);
    }

    /** The same listener speaking TLS from the first byte, with the server context given. */
    public ListenerSettings withImplicitTls(SSLContext context) {
        return new ListenerSettings(
                name,
                bind,
                backlog,
                maxConnections,
                maxConnectionsPerAddress,
                idleTimeout,
                bufferSize,
                new TlsMode.Implicit(context),
                handshakeTimeout);
    }

    public ListenerSettings withHandshakeTimeout(Duration timeout) {
        return new ListenerSettings(
                name, bind, backlog, maxConnections, maxConnectionsPerAddress, idleTimeout, bufferSize, tls, timeout);
    }
}
