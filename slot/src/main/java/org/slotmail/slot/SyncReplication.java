package org.slotmail.slot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.slot.api.ChannelStatus;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.sync.client.ReplicaEndpoint;
import org.slotmail.sync.client.ReplicationLag;
import org.slotmail.sync.client.SyncClient;
import org.slotmail.sync.client.SyncClientSettings;
import org.slotmail.sync.protocol.SyncSecret;
import org.slotmail.sync.server.SyncServer;
import org.slotmail.sync.server.SyncServerSettings;

/**
 * Replication through the {@code sync} module: the slot's {@link SyncServer} (TLS, on the slot's
 * address and sync port), which applies updates only while the slot is a replica, and, while it is
 * master, one {@link SyncClient} per configured channel, shipping that channel's queue. Becoming a
 * replica closes the clients (what they had not shipped stays queued); becoming master starts them.
 */
final class SyncReplication implements Replication {
    private static final Logger log = LoggerFactory.getLogger(SyncReplication.class);

    private final SlotConfig config;
    private final ReplicaStore store;
    private final Supplier<SlotRole> role;
    private final SSLContext tls;
    private final Map<String, SyncClient> clients = new LinkedHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SyncServer server;

    SyncReplication(SlotConfig config, ReplicaStore store, Supplier<SlotRole> role, SSLContext tls) {
        this.config = config;
        this.store = store;
        this.role = role;
        this.tls = tls;
    }

    private SyncSecret secret() {
        return SyncSecret.of(config.replication().secret().orElseThrow().reveal());
    }

    @Override
    public synchronized void start(SlotRole startRole) throws IOException {
        int port = config.replication().syncPort();
        if (port >= 0) {
            var settings =
                    SyncServerSettings.defaults(new InetSocketAddress(config.bindAddress(), port), tls, secret());
            // Asked before every blob and apply: a master takes no updates from another slot.
            server = new SyncServer(store, settings, () -> role.get() == SlotRole.REPLICA);
            try {
                server.start();
            } catch (IOException e) {
                server.close();
                server = null;
                throw new IOException("sync on " + config.bindAddress() + ":" + port + ": " + e.getMessage(), e);
            }
        }
        if (startRole == SlotRole.MASTER) startClients();
    }

    @Override
    public synchronized void roleChanged(SlotRole newRole) {
        if (newRole == SlotRole.MASTER) {
            try {
                startClients();
            } catch (IOException e) {
                // A channel that cannot start shows as stopped with this error; the others ship.
                log.atWarn().setCause(e).log("a sync client could not start");
            }
        } else {
            closeClients();
        }
    }

    private void startClients() throws IOException {
        for (ChannelConfig channel : config.replication().channels()) {
            if (clients.containsKey(channel.name())) continue;
            var endpoint = ReplicaEndpoint.of(new InetSocketAddress(channel.host(), channel.port()), secret())
                    .withClientName(config.id());
            var client = new SyncClient(store, SyncClientSettings.defaults(channel.name(), endpoint));
            clients.put(channel.name(), client);
            client.start();
            log.atInfo()
                    .addKeyValue("channel", channel.name())
                    .addKeyValue("replica", channel.address())
                    .log("shipping channel");
        }
    }

    private void closeClients() {
        for (SyncClient client : clients.values()) client.close();
        clients.clear();
    }

    @Override
    public synchronized InetSocketAddress syncAddress() {
        return server == null ? null : server.localAddress();
    }

    @Override
    public List<ChannelStatus> channels() {
        Map<String, SyncClient> running;
        synchronized (this) {
            running = new LinkedHashMap<>(clients);
        }
        var out = new ArrayList<ChannelStatus>();
        for (ChannelConfig channel : config.replication().channels()) {
            SyncClient client = running.get(channel.name());
            out.add(client == null ? stopped(channel) : shipping(channel, client.status()));
        }
        return out;
    }

    /** A channel of a replica: nothing ships, but what its queue holds (from its time as master) is known. */
    private ChannelStatus stopped(ChannelConfig channel) {
        var backlog = store.backlog(channel.name());
        return new ChannelStatus(
                channel.name(),
                channel.replica(),
                channel.address(),
                "stopped",
                backlog.entries(),
                backlog.oldestAgeMillis(),
                null,
                null,
                null,
                store.parked(channel.name()).size());
    }

    private static ChannelStatus shipping(ChannelConfig channel, org.slotmail.sync.client.ChannelStatus s) {
        String state = s.lastError().isPresent() ? "retrying" : s.backlogEntries() == 0 ? "idle" : "shipping";
        ReplicationLag lag = s.lag();
        boolean measured = lag.confirmed() > 0;
        return new ChannelStatus(
                channel.name(),
                channel.replica(),
                channel.address(),
                state,
                s.backlogEntries(),
                s.oldestAgeMillis(),
                measured ? lag.p50() : null,
                measured ? lag.p99() : null,
                s.lastError().orElse(null),
                s.parked());
    }

    /**
     * Every channel's client drains at once, each within {@code timeout}. A replica ships nothing:
     * it is drained when its queues are empty.
     */
    @Override
    public boolean drain(Duration timeout) throws InterruptedException {
        List<SyncClient> running;
        synchronized (this) {
            running = List.copyOf(clients.values());
        }
        if (running.isEmpty()) {
            return config.replication().channels().stream()
                    .allMatch(c -> store.backlog(c.name()).entries() == 0);
        }
        var results = new ArrayList<java.util.concurrent.Future<Boolean>>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (SyncClient client : running)
                results.add(executor.submit(() -> client.drain(timeout).complete()));
        }
        boolean drained = true;
        for (var r : results) {
            try {
                drained &= r.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.atWarn().setCause(e.getCause()).log("draining a channel failed");
                drained = false;
            }
        }
        return drained;
    }

    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) return;
        closeClients();
        if (server != null) server.stop(Duration.ofSeconds(5));
    }
}
