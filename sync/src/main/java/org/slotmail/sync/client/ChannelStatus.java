package org.slotmail.sync.client;

import java.time.Instant;
import java.util.Optional;

/**
 * What the admin API shows of one channel.
 *
 * @param channel the channel's name
 * @param replica the replica's sync address
 * @param connected whether a session with the replica is open now
 * @param backlogEntries entries queued and not yet confirmed
 * @param oldestAgeMillis age of the oldest of them (0 when none)
 * @param lag replication lag of recent entries
 * @param lastError the last failure, if any since the last success
 * @param lastErrorAt when it happened
 * @param parked changes set aside because they kept failing
 */
public record ChannelStatus(
        String channel,
        String replica,
        boolean connected,
        long backlogEntries,
        long oldestAgeMillis,
        ReplicationLag lag,
        Optional<String> lastError,
        Optional<Instant> lastErrorAt,
        int parked) {}
