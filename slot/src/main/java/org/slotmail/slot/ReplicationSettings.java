package org.slotmail.slot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a slot takes part in replication: the port its sync server listens on (-1: off, 0: any
 * free port), the secret every sync connection of its store must prove, and the channels it ships
 * to while it is master.
 */
public record ReplicationSettings(int syncPort, Optional<Secret> secret, List<ChannelConfig> channels) {
    public ReplicationSettings {
        Objects.requireNonNull(secret, "secret");
        channels = List.copyOf(channels);
        Ports.check("sync", syncPort);
        if ((syncPort >= 0 || !channels.isEmpty()) && secret.isEmpty())
            throw new IllegalArgumentException("replication needs a secret");
        var names = new java.util.HashSet<String>();
        for (ChannelConfig c : channels) {
            if (!names.add(c.name())) throw new IllegalArgumentException("channel " + c.name() + " is listed twice");
        }
    }

    /** No sync server and no channels: a slot on its own (tests, benchmarks). */
    public static ReplicationSettings none() {
        return new ReplicationSettings(-1, Optional.empty(), List.of());
    }

    public List<String> channelNames() {
        return channels.stream().map(ChannelConfig::name).toList();
    }
}
