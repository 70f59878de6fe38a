package org.slotmail.sync.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a channel's sync client works.
 *
 * @param channel the channel (queue) it replicates, as the master's store names it
 * @param replica how to reach the replica
 * @param batchSize queue entries taken at a time
 * @param initialBackoff first delay after a failed connection or batch
 * @param maxBackoff ceiling of the doubling delays
 * @param attemptsBeforeParking failed attempts after which a mailbox is set aside
 * @param parkedRetry first delay before a set-aside mailbox is tried again (doubling per failure)
 * @param maxParkedRetry ceiling of those delays
 * @param keepAlive an idle session is pinged this often, so a dead replica is noticed before the next change
 * @param applyMessages messages the records of one apply may name at most (the replica stages
 *     their bytes for the apply; its sync server holds 20,000 by default)
 * @param applyMessageBytes the bytes of those messages at most (4 GiB staged by default)
 */
public record SyncClientSettings(
        String channel,
        ReplicaEndpoint replica,
        int batchSize,
        Duration initialBackoff,
        Duration maxBackoff,
        int attemptsBeforeParking,
        Duration parkedRetry,
        Duration maxParkedRetry,
        Duration keepAlive,
        int applyMessages,
        long applyMessageBytes) {
    public SyncClientSettings {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(replica, "replica");
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be positive");
        if (attemptsBeforeParking < 1) throw new IllegalArgumentException("attemptsBeforeParking must be positive");
        if (applyMessages < 1 || applyMessageBytes < 1)
            throw new IllegalArgumentException("applyMessages and applyMessageBytes must be positive");
        for (Duration d : new Duration[] {initialBackoff, maxBackoff, parkedRetry, maxParkedRetry, keepAlive}) {
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("durations must be positive");
        }
    }

    /**
     * Defaults: 1000 entries a batch; reconnect after 50 ms doubling to 5 s; a mailbox failing 3
     * times is set aside and tried again after 30 s, doubling to 10 minutes; ping after 30 s idle;
     * at most 10,000 messages and 1 GiB of them per apply (half and a quarter of what a sync
     * server stages by default).
     */
    public static SyncClientSettings defaults(String channel, ReplicaEndpoint replica) {
        return new SyncClientSettings(
                channel,
                replica,
                1000,
                Duration.ofMillis(50),
                Duration.ofSeconds(5),
                3,
                Duration.ofSeconds(30),
                Duration.ofMinutes(10),
                Duration.ofSeconds(30),
                10_000,
                1L << 30);
    }

    public SyncClientSettings withBatchSize(int size) {
        return new SyncClientSettings(
                channel,
                replica,
                size,
                initialBackoff,
                maxBackoff,
                attemptsBeforeParking,
                parkedRetry,
                maxParkedRetry,
                keepAlive,
                applyMessages,
                applyMessageBytes);
    }

    public SyncClientSettings withBackoff(Duration initial, Duration max) {
        return new SyncClientSettings(
                channel,
                replica,
                batchSize,
                initial,
                max,
                attemptsBeforeParking,
                parkedRetry,
                maxParkedRetry,
                keepAlive,
                applyMessages,
                applyMessageBytes);
    }

    public SyncClientSettings withParking(int attempts, Duration retry, Duration maxRetry) {
        return new SyncClientSettings(
                channel,
                replica,
                batchSize,
                initialBackoff,
                maxBackoff,
                attempts,
                retry,
                maxRetry,
                keepAlive,
                applyMessages,
                applyMessageBytes);
    }

    /** At most {@code messages} messages of {@code bytes} together named by one apply. */
    public SyncClientSettings withApplyLimits(int messages, long bytes) {
        return new SyncClientSettings(
                channel,
                replica,
                batchSize,
                initialBackoff,
                maxBackoff,
                attemptsBeforeParking,
                parkedRetry,
                maxParkedRetry,
                keepAlive,
                messages,
                bytes);
    }
}
