package org.slotmail.slot;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slotmail.net.login.PlaintextLogins;
import org.slotmail.slot.api.SlotRole;

/**
 * What one slot needs to run: who it is (id, store, role at start), where its data lives, where it
 * listens (its own address for sync and admin; the client listeners on {@code clientAddress}), the
 * host name it announces, the largest message it accepts, how it replicates, its admin API, how it
 * guards logins and TLS, and where the accounts are. {@code docs/slot-config.md} describes the file
 * this is read from.
 */
public record SlotConfig(
        String id,
        String store,
        SlotRole role,
        Path dataDir,
        String bindAddress,
        String clientAddress,
        Ports ports,
        String hostName,
        long maxMessageSize,
        ReplicationSettings replication,
        AdminSettings admin,
        SlotSecurity security,
        Optional<Path> clusterDatabase) {
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 50L * 1024 * 1024;
    /** Slot, store and channel names: short, lower case, usable in paths and host names. */
    public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,31}";

    public SlotConfig {
        if (id == null || !id.matches(ID_PATTERN)) throw new IllegalArgumentException("bad slot id: " + id);
        if (store == null || !store.matches(ID_PATTERN)) throw new IllegalArgumentException("bad store id: " + store);
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(replication, "replication");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(clusterDatabase, "clusterDatabase");
        if (maxMessageSize < 1024)
            throw new IllegalArgumentException("maximum message size too small: " + maxMessageSize);
        for (ChannelConfig c : replication.channels()) {
            if (c.replica().equals(id))
                throw new IllegalArgumentException("channel " + c.name() + " points at this slot");
        }
    }

    /**
     * A master on its own: no replication, no admin API, clients on {@code bindAddress}, the default
     * {@link SlotSecurity} (tests, benchmarks).
     */
    public static SlotConfig standalone(
            String id, Path dataDir, String bindAddress, Ports ports, String hostName, long maxMessageSize) {
        return new SlotConfig(
                id,
                id,
                SlotRole.MASTER,
                dataDir,
                bindAddress,
                bindAddress,
                ports,
                hostName,
                maxMessageSize,
                ReplicationSettings.none(),
                AdminSettings.off(),
                SlotSecurity.defaults(),
                Optional.empty());
    }

    public SlotConfig withSecurity(SlotSecurity newSecurity) {
        return new SlotConfig(
                id,
                store,
                role,
                dataDir,
                bindAddress,
                clientAddress,
                ports,
                hostName,
                maxMessageSize,
                replication,
                admin,
                newSecurity,
                clusterDatabase);
    }

    public SlotConfig withRole(SlotRole newRole) {
        return new SlotConfig(
                id,
                store,
                newRole,
                dataDir,
                bindAddress,
                clientAddress,
                ports,
                hostName,
                maxMessageSize,
                replication,
                admin,
                security,
                clusterDatabase);
    }

    public SlotConfig withReplication(ReplicationSettings newReplication) {
        return new SlotConfig(
                id,
                store,
                role,
                dataDir,
                bindAddress,
                clientAddress,
                ports,
                hostName,
                maxMessageSize,
                newReplication,
                admin,
                security,
                clusterDatabase);
    }

    public SlotConfig withAdmin(AdminSettings newAdmin) {
        return new SlotConfig(
                id,
                store,
                role,
                dataDir,
                bindAddress,
                clientAddress,
                ports,
                hostName,
                maxMessageSize,
                replication,
                newAdmin,
                security,
                clusterDatabase);
    }

    /** Whether IMAP and POP3 take passwords without TLS; one setting for both protocols. */
    public PlaintextLogins plaintextLogins() {
        return security.plaintextLogins();
    }
}
