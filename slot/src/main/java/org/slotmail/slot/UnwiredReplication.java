package org.slotmail.slot;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.slot.api.ChannelStatus;
import org.slotmail.slot.api.SlotRole;

/**
 * Replication as this build has it: none. The store still queues every change on the configured
 * channels (so nothing is lost once sync ships them), but no sync server listens and no channel
 * ships, and the admin API says so instead of reporting an empty backlog it cannot know.
 *
 * <p>WIRING POINT (sync): replace with the {@code sync} module's SyncServer and one SyncClient per
 * channel once the store implements {@code ReplicaStore} and {@code sync} is merged.
 */
final class UnwiredReplication implements Replication {
    static final String STATE = "unwired";
    static final String REASON = "replication is not built into this slot yet: changes are queued, nothing ships";
    private static final Logger log = LoggerFactory.getLogger(UnwiredReplication.class);

    private final SlotConfig config;

    UnwiredReplication(SlotConfig config) {
        this.config = config;
    }

    @Override
    public void start(SlotRole role) {
        if (!config.replication().channels().isEmpty() || config.replication().syncPort() >= 0) {
            log.atWarn().addKeyValue("slot", config.id()).log(REASON);
        }
    }

    @Override
    public void roleChanged(SlotRole role) {}

    @Override
    public InetSocketAddress syncAddress() {
        return null;
    }

    @Override
    public List<ChannelStatus> channels() {
        return config.replication().channels().stream()
                .map(c ->
                        new ChannelStatus(c.name(), c.replica(), c.address(), STATE, null, null, null, null, REASON, 0))
                .toList();
    }

    /** Nothing ships, so only a slot without channels is ever drained. */
    @Override
    public boolean drain(Duration timeout) {
        return config.replication().channels().isEmpty();
    }

    @Override
    public void close() {}
}
