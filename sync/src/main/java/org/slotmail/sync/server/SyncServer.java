package org.slotmail.sync.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slotmail.net.Connection;
import org.slotmail.net.Listener;
import org.slotmail.net.ProtocolServer;
import org.slotmail.store.replica.ReplicaStore;

/**
 * The sync server every slot runs (DESIGN §3 "Sync"): a TLS listener, one virtual thread per
 * connection, each authenticated by the replication secret, answering reads from the slot's
 * store and, while the slot accepts updates (it is a replica), receiving blobs and applying
 * updates. A master answers reads too: split-brain reconciliation and verify read both sides.
 */
public final class SyncServer implements ProtocolServer {
    private final Listener listener;

    /**
     * @param acceptsUpdates asked before every blob and apply: true while the slot is a replica
     */
    public SyncServer(ReplicaStore store, SyncServerSettings settings, BooleanSupplier acceptsUpdates) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(acceptsUpdates, "acceptsUpdates");
        this.listener = new Listener(
                settings.listener(),
                (Connection connection) -> new ServerSession(connection, store, settings, acceptsUpdates).run());
    }

    @Override
    public void start() throws IOException {
        listener.start();
    }

    @Override
    public InetSocketAddress localAddress() {
        return listener.localAddress();
    }

    public int activeConnections() {
        return listener.activeConnections();
    }

    @Override
    public void stop(Duration grace) {
        listener.stop(grace);
    }

    @Override
    public void close() {
        listener.stop(Duration.ofSeconds(5));
    }
}
