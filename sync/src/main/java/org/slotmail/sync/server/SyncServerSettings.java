package org.slotmail.sync.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.slotmail.net.ListenerSettings;
import org.slotmail.net.TlsMode;
import org.slotmail.sync.protocol.SyncSecret;

/**
 * How a slot's sync server listens and what it takes.
 *
 * @param listener address, connection limits and idle timeout; must be implicit TLS
 * @param secret the replication secret clients must prove
 * @param maxFrameBytes the largest frame read or written (bounds every message's memory)
 * @param maxBlobBytes the largest message accepted
 * @param maxStagedBlobs blobs received and held for the next apply, at most
 * @param maxStagedBytes their bytes, at most (large ones are spooled to disk by the store)
 */
public record SyncServerSettings(
        ListenerSettings listener,
        SyncSecret secret,
        int maxFrameBytes,
        long maxBlobBytes,
        int maxStagedBlobs,
        long maxStagedBytes) {
    public static final int DEFAULT_MAX_FRAME_BYTES = 8 << 20;

    public SyncServerSettings {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(secret, "secret");
        if (!(listener.tls() instanceof TlsMode.Implicit)) {
            throw new IllegalArgumentException(
                    "the sync server speaks TLS only: give its listener an implicit TLS context");
        }
        if (maxFrameBytes < 64 * 1024) throw new IllegalArgumentException("maxFrameBytes must be at least 64 KiB");
        if (maxBlobBytes < 1) throw new IllegalArgumentException("maxBlobBytes must be positive");
        if (maxStagedBlobs < 1) throw new IllegalArgumentException("maxStagedBlobs must be positive");
        if (maxStagedBytes < maxBlobBytes)
            throw new IllegalArgumentException("maxStagedBytes must hold the largest blob");
    }

    /**
     * Defaults: 64 connections (8 per address), 10 minutes idle, 8 MiB frames, messages up to
     * 1 GiB, up to 20,000 blobs and 4 GiB staged per apply.
     */
    public static SyncServerSettings defaults(InetSocketAddress bind, SSLContext tls, SyncSecret secret) {
        ListenerSettings listener = ListenerSettings.defaults("sync", bind)
                .withLimits(64, 8)
                .withIdleTimeout(Duration.ofMinutes(10))
                .withImplicitTls(tls);
        return new SyncServerSettings(listener, secret, DEFAULT_MAX_FRAME_BYTES, 1L << 30, 20_000, 4L << 30);
    }

    public SyncServerSettings withMaxFrameBytes(int bytes) {
        return new SyncServerSettings(listener, secret, bytes, maxBlobBytes, maxStagedBlobs, maxStagedBytes);
    }

    /** At most {@code blobs} blobs of {@code bytes} together held for one apply. */
    public SyncServerSettings withStaging(int blobs, long bytes) {
        return new SyncServerSettings(listener, secret, maxFrameBytes, maxBlobBytes, blobs, bytes);
    }

    public SyncServerSettings withMaxBlobBytes(long bytes) {
        return new SyncServerSettings(
                listener, secret, maxFrameBytes, bytes, maxStagedBlobs, Math.max(maxStagedBytes, bytes));
    }
}
