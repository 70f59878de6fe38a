package org.slotmail.slot;

import java.util.Objects;

/**
 * One replication channel: the queue {@code name} in this slot's store, shipped (while this slot
 * is master) to slot {@code replica}, whose sync server listens on {@code host:port}.
 */
public record ChannelConfig(String name, String replica, String host, int port) {
    public ChannelConfig {
        Objects.requireNonNull(host, "host");
        if (name == null || !name.matches(SlotConfig.ID_PATTERN))
            throw new IllegalArgumentException("bad channel name: " + name);
        if (replica == null || !replica.matches(SlotConfig.ID_PATTERN))
            throw new IllegalArgumentException("bad replica slot id: " + replica);
        if (host.isBlank()) throw new IllegalArgumentException("channel " + name + " has no host");
        if (port < 1 || port > 65535)
            throw new IllegalArgumentException("bad sync port for channel " + name + ": " + port);
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
