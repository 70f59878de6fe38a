package org.slotmail.slot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slotmail.slot.api.ChannelStatus;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.store.mailbox.SlotStore;

/**
 * A slot's part in replication (DESIGN §3 "Sync"): the sync server every slot runs, which applies
 * the master's changes while this slot is a replica, and, while it is master, one sync client per
 * channel shipping that channel's queue. The slot drives it only through this interface.
 */
public interface Replication extends AutoCloseable {
    /** Starts the sync server and, on a master, shipping; called once, after the store opened. */
    void start(SlotRole role) throws IOException;

    /**
     * The slot's role changed: a master ships its channels and takes no updates from another slot;
     * a replica stops shipping and takes its master's updates.
     */
    void roleChanged(SlotRole role);

    /** Where the sync server listens, or null when it is off. */
    InetSocketAddress syncAddress();

    /** Every channel's state now, in the configuration's order. */
    List<ChannelStatus> channels();

    /**
     * Ships every channel until all are empty (a one-shot drain, for failover) or {@code timeout}
     * passes; true when all are empty.
     */
    boolean drain(Duration timeout) throws InterruptedException;

    /** Stops shipping and the sync server; an unconfirmed batch stays queued for next time. */
    @Override
    void close();

    /**
     * How a slot builds its replication once its store is open; {@code role} reads the slot's role
     * now, {@code tls} is the slot's server certificate (the sync server speaks TLS only).
     */
    @FunctionalInterface
    interface Factory {
        Replication create(SlotConfig config, SlotStore store, Supplier<SlotRole> role, SSLContext tls);
    }
}
