package org.slotmail.sync.client;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slotmail.sync.protocol.SyncSecret;

/**
 * Where a replica's sync server listens and how to reach it.
 *
 * @param address the sync server's address
 * @param secret the replication secret both sides prove
 * @param trustedCertificates a PEM file of certificates to trust for the server (its own, or the
 *     CA that issued it); empty to accept any certificate and rely on the secret alone — the
 *     handshake's proofs are bound to the TLS session, so a relay in the middle still fails, but a
 *     server that is not ours would see the client's proof and could try to guess a weak secret
 * @param verifyHostname whether the certificate must name {@code address}'s host (only with
 *     {@code trustedCertificates})
 * @param connectTimeout how long connecting and the TLS handshake may take
 * @param readTimeout how long a reply may take (an apply of a large batch included)
 * @param maxFrameBytes the largest frame sent or accepted; must not exceed the server's
 * @param clientName how this client names itself in the server's logs (e.g. the master slot's id)
 */
public record ReplicaEndpoint(
        InetSocketAddress address,
        SyncSecret secret,
        Optional<Path> trustedCertificates,
        boolean verifyHostname,
        Duration connectTimeout,
        Duration readTimeout,
        int maxFrameBytes,
        String clientName) {
    public ReplicaEndpoint {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
        Objects.requireNonNull(clientName, "clientName");
        if (connectTimeout.isNegative() || connectTimeout.isZero())
            throw new IllegalArgumentException("connectTimeout");
        if (readTimeout.isNegative() || readTimeout.isZero()) throw new IllegalArgumentException("readTimeout");
        if (maxFrameBytes < 64 * 1024) throw new IllegalArgumentException("maxFrameBytes must be at least 64 KiB");
    }

    /** 5 s to connect, 2 minutes per reply, 8 MiB frames, any certificate. */
    public static ReplicaEndpoint of(InetSocketAddress address, SyncSecret secret) {
        return new ReplicaEndpoint(
                address,
                secret,
                Optional.empty(),
                false,
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                8 << 20,
                "sync");
    }

    /** The same endpoint trusting the certificates in a PEM file, checking the host name. */
    public ReplicaEndpoint trusting(Path pem) {
        return new ReplicaEndpoint(
                address, secret, Optional.of(pem), true, connectTimeout, readTimeout, maxFrameBytes, clientName);
    }

    public ReplicaEndpoint withVerifyHostname(boolean verify) {
        return new ReplicaEndpoint(
                address, secret, trustedCertificates, verify, connectTimeout, readTimeout, maxFrameBytes, clientName);
    }

    public ReplicaEndpoint withTimeouts(Duration connect, Duration read) {
        return new ReplicaEndpoint(
                address, secret, trustedCertificates, verifyHostname, connect, read, maxFrameBytes, clientName);
    }

    public ReplicaEndpoint withClientName(String name) {
        return new ReplicaEndpoint(
                address, secret, trustedCertificates, verifyHostname, connectTimeout, readTimeout, maxFrameBytes, name);
    }

    public ReplicaEndpoint withMaxFrameBytes(int bytes) {
        return new ReplicaEndpoint(
                address, secret, trustedCertificates, verifyHostname, connectTimeout, readTimeout, bytes, clientName);
    }
}
