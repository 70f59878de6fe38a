package org.slotmail.store.mailbox;

import java.nio.file.Path;
import java.util.List;

/**
 * How a slot's store is set up: its directory, the replication channels to queue changes for,
 * the size at which a segment is sealed, and how large an incoming message may get before it is
 * spooled to disk.
 */
public record StoreSettings(Path dir, List<String> channels, long maxSegmentBytes, int inMemoryMessageLimit) {
    public StoreSettings {
        channels = List.copyOf(channels);
        if (maxSegmentBytes < 1 << 20) throw new IllegalArgumentException("segments must be at least 1 MiB");
        for (String c : channels) {
            if (c.isEmpty() || c.indexOf('\0') >= 0) throw new IllegalArgumentException("bad channel name: " + c);
        }
    }

    public static StoreSettings defaults(Path dir) {
        return new StoreSettings(dir, List.of(), 64L << 20, 1 << 20);
    }

    public StoreSettings withChannels(List<String> newChannels) {
        return new StoreSettings(dir, newChannels, maxSegmentBytes, inMemoryMessageLimit);
    }

    Path metaDir() {
        return dir.resolve("meta");
    }

    Path blobDir() {
        return dir.resolve("blobs");
    }

    Path spoolDir() {
        return dir.resolve("spool");
    }
}
