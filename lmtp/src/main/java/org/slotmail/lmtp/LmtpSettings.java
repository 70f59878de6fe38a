package org.slotmail.lmtp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slotmail.net.ListenerSettings;

/**
 * How an LMTP server behaves.
 *
 * @param hostName our name in the greeting, replies and Received headers
 * @param maxMessageSize the largest message accepted, in bytes, as sent; advertised as SIZE (RFC 1870)
 * @param maxRecipients accepted recipients per transaction; more get 452 (RFC 5321 §4.5.3.1.8 asks for at least 100)
 * @param maxLineLength longest command line, without CRLF (RFC 5321 §4.5.3.1.4 allows 512; parameters need more)
 * @param idleTimeout how long to wait for the client before 421 (RFC 5321 §4.5.3.2.7: 5 minutes)
 * @param maxConnections connections served at once
 * @param maxConnectionsPerAddress connections served at once from one client address
 * @param maxErrors bad commands in one session before it is closed
 * @param tls the server context STARTTLS (RFC 3207) uses, or null to not offer it
 */
public record LmtpSettings(
        String hostName,
        long maxMessageSize,
        int maxRecipients,
        int maxLineLength,
        Duration idleTimeout,
        int maxConnections,
        int maxConnectionsPerAddress,
        int maxErrors,
        SSLContext tls) {
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L << 20;

    public LmtpSettings {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (hostName.isEmpty() || hostName.length() > 255 || !hostName.chars().allMatch(LmtpSettings::isHostChar)) {
            throw new IllegalArgumentException("hostName must be a domain name: " + hostName);
        }
        if (maxMessageSize < 1) throw new IllegalArgumentException("maxMessageSize must be positive");
        if (maxRecipients < 1) throw new IllegalArgumentException("maxRecipients must be positive");
        if (maxLineLength < 512) throw new IllegalArgumentException("maxLineLength must be at least 512 (RFC 5321)");
        if (idleTimeout.isNegative() || idleTimeout.isZero())
            throw new IllegalArgumentException("idleTimeout must be positive");
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("connection limits must be positive");
        }
        if (maxErrors < 1) throw new IllegalArgumentException("maxErrors must be positive");
    }

    /** 50 MiB messages, 1000 recipients, 2048-byte lines, 5 minutes idle, 1000 connections (100 per address), 20 errors. */
    public static LmtpSettings defaults(String hostName) {
        return new LmtpSettings(
                hostName, DEFAULT_MAX_MESSAGE_SIZE, 1000, 2048, Duration.ofMinutes(5), 1000, 100, 20, null);
    }

    public LmtpSettings withMaxMessageSize(long bytes) {
        return new LmtpSettings(
                hostName,
                bytes,
                maxRecipients,
                maxLineLength,
                idleTimeout,
                maxConnections,
                maxConnectionsPerAddress,
                maxErrors,
                tls);
    }

    public LmtpSettings withMaxRecipients(int count) {
        return new LmtpSettings(
                hostName,
                maxMessageSize,
                count,
                maxLineLength,
                idleTimeout,
                maxConnections,
                maxConnectionsPerAddress,
                maxErrors,
                tls);
    }

    public LmtpSettings withIdleTimeout(Duration timeout) {
        return new LmtpSettings(
                hostName,
                maxMessageSize,
                maxRecipients,
                maxLineLength,
                timeout,
                maxConnections,
                maxConnectionsPerAddress,
                maxErrors,
                tls);
    }

    public LmtpSettings withConnectionLimits(int total, int perAddress) {
        return new LmtpSettings(
                hostName, maxMessageSize, maxRecipients, maxLineLength, idleTimeout, total, perAddress, maxErrors, tls);
    }

    /** The same server offering STARTTLS with {@code context}. */
    public LmtpSettings withTls(SSLContext context) {
        return new LmtpSettings(
                hostName,
                maxMessageSize,
                maxRecipients,
                maxLineLength,
                idleTimeout,
                maxConnections,
                maxConnectionsPerAddress,
                maxErrors,
                context);
    }

    ListenerSettings listenerSettings(InetSocketAddress bind) {
        return ListenerSettings.defaults("lmtp", bind)
                .withLimits(maxConnections, maxConnectionsPerAddress)
                .withIdleTimeout(idleTimeout);
    }

    private static boolean isHostChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }
}
