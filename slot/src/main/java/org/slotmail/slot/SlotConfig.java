package org.slotmail.slot;

import java.nio.file.Path;
import java.util.List;
import org.slotmail.net.login.PlaintextLogins;

/**
 * What one slot needs to run: its id, its data directory, where it listens, the host name it
 * announces, the largest message it accepts, the replication channels it queues changes for, and
 * how it guards logins and TLS.
 */
public record SlotConfig(
        String id,
        Path dataDir,
        String bindAddress,
        Ports ports,
        String hostName,
        long maxMessageSize,
        List<String> channels,
        SlotSecurity security) {
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L * 1024 * 1024;

    public SlotConfig {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) throw new IllegalArgumentException("bad slot id: " + id);
        java.util.Objects.requireNonNull(ports, "ports");
        java.util.Objects.requireNonNull(security, "security");
        if (maxMessageSize < 1024)
            throw new IllegalArgumentException("maximum message size too small: " + maxMessageSize);
        channels = List.copyOf(channels);
    }

    /** A slot with the default {@link SlotSecurity}. */
    public SlotConfig(
            String id,
            Path dataDir,
            String bindAddress,
            Ports ports,
            String hostName,
            long maxMessageSize,
            List<String> channels) {
        this(id, dataDir, bindAddress, ports, hostName, maxMessageSize, channels, SlotSecurity.defaults());
    }

    public SlotConfig withSecurity(SlotSecurity newSecurity) {
        return new SlotConfig(id, dataDir, bindAddress, ports, hostName, maxMessageSize, channels, newSecurity);
    }

    /** Whether IMAP and POP3 take passwords without TLS; one setting for both protocols. */
    public PlaintextLogins plaintextLogins() {
        return security.plaintextLogins();
    }
}
