package org.slotmail.slot;

import java.nio.file.Path;
import java.util.List;

/**
 * What one slot needs to run: its id, its data directory, where it listens, the host name it
 * announces, the largest message it accepts, and the replication channels it queues changes for.
 */
public record SlotConfig(
        String id,
        Path dataDir,
        String bindAddress,
        Ports ports,
        String hostName,
        long maxMessageSize,
        List<String> channels) {
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L * 1024 * 1024;

    public SlotConfig {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) throw new IllegalArgumentException("bad slot id: " + id);
        java.util.Objects.requireNonNull(ports, "ports");
        if (maxMessageSize < 1024)
            throw new IllegalArgumentException("maximum message size too small: " + maxMessageSize);
        channels = List.copyOf(channels);
    }
}
