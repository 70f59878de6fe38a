package org.slotmail.sync.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AppendResult;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.net.tls.TlsIdentity;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.mailbox.StoreSettings;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.sync.protocol.SyncSecret;
import org.slotmail.sync.server.SyncServer;
import org.slotmail.sync.server.SyncServerSettings;

/**
 * A master and a replica slot in temporary directories, both real stores; the replica's real sync
 * server on 127.0.0.1 with TLS; between them a {@link CuttingRelay}; and the master's real sync
 * client for the channel "replica". Any part can be restarted.
 */
final class ReplicationFixture implements AutoCloseable {
    static final String CHANNEL = "replica";
    static final SyncSecret SECRET = SyncSecret.of("pw-secret-replication-0123456789");
    private static TlsIdentity identity;
    private static Path tlsDir;

    final Path masterDir;
    final Path replicaDir;
    SlotStore master;
    SlotStore replica;
    SyncServer server;
    final CuttingRelay relay;
    SyncClient client;
    final AtomicBoolean replicaAcceptsUpdates = new AtomicBoolean(true);
    private final java.util.function.UnaryOperator<ReplicaStore> masterView;
    private SyncClientSettings clientSettings;
    private java.util.function.UnaryOperator<SyncServerSettings> serverSettings =
            java.util.function.UnaryOperator.identity();

    ReplicationFixture(Path dir) throws IOException {
        this(dir, java.util.function.UnaryOperator.identity());
    }

    /** {@code masterView} lets a test put something between the client and the master's store. */
    ReplicationFixture(Path dir, java.util.function.UnaryOperator<ReplicaStore> masterView) throws IOException {
        this.masterDir = dir.resolve("master");
        this.replicaDir = dir.resolve("replica");
        this.masterView = masterView;
        Files.createDirectories(masterDir);
        Files.createDirectories(replicaDir);
        master = SlotStore.open(StoreSettings.defaults(masterDir).withChannels(List.of(CHANNEL)));
        replica = SlotStore.open(StoreSettings.defaults(replicaDir));
        server = startServer(new InetSocketAddress("127.0.0.1", 0));
        relay = new CuttingRelay(server.localAddress());
        clientSettings = SyncClientSettings.defaults(CHANNEL, endpoint())
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(200))
                .withParking(3, Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    static synchronized TlsIdentity identity() throws IOException {
        if (identity == null) {
            tlsDir = Files.createTempDirectory("sync-tls");
            identity = TlsIdentity.demo(tlsDir, "localhost");
        }
        return identity;
    }

    /** The PEM of the certificate the replica presents. */
    static Path certificatePem() throws IOException {
        identity();
        return tlsDir.resolve("demo-cert.pem");
    }

    ReplicaEndpoint endpoint() {
        return ReplicaEndpoint.of(relay.address(), SECRET)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30))
                .withClientName("master-test");
    }

    void clientSettings(SyncClientSettings settings) {
        this.clientSettings = settings;
    }

    SyncClientSettings clientSettings() {
        return clientSettings;
    }

    ReplicaStore masterReplication() {
        return masterView.apply(master.replication());
    }

    /** Restarts the replica's sync server with changed settings (kept over later restarts). */
    void serverSettings(java.util.function.UnaryOperator<SyncServerSettings> change) throws IOException {
        this.serverSettings = change;
        server.close();
        server = startServer(new InetSocketAddress("127.0.0.1", 0));
        relay.target(server.localAddress());
    }

    private SyncServer startServer(InetSocketAddress bind) throws IOException {
        var settings = serverSettings.apply(
                SyncServerSettings.defaults(bind, identity().serverContext(), SECRET));
        var s = new SyncServer(replica.replication(), settings, replicaAcceptsUpdates::get);
        s.start();
        return s;
    }

    /** Starts the rolling client (a new one). */
    SyncClient startClient() throws IOException {
        client = new SyncClient(masterReplication(), clientSettings);
        client.start();
        return client;
    }

    void restartClient() throws IOException {
        if (client != null) client.close();
        startClient();
    }

    void restartMaster() throws IOException {
        boolean rolling = client != null;
        if (client != null) client.close();
        client = null;
        var settings = master.settings();
        master.close();
        master = SlotStore.open(settings);
        if (rolling) startClient();
    }

    /** Reopens the replica's store queuing every change for {@code channels}, as a master's would. */
    void replicaQueuesFor(List<String> channels) throws IOException {
        server.close();
        var settings = replica.settings().withChannels(channels);
        replica.close();
        replica = SlotStore.open(settings);
        server = startServer(new InetSocketAddress("127.0.0.1", 0));
        relay.target(server.localAddress());
    }

    void restartReplica() throws IOException {
        server.close();
        var settings = replica.settings();
        replica.close();
        replica = SlotStore.open(settings);
        server = startServer(new InetSocketAddress("127.0.0.1", 0));
        relay.target(server.localAddress());
    }

    DrainResult drain() {
        try {
            return client.drain(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Account account(long id) {
        return new Account(id, "user" + id + "@example.com", QuotaLimits.UNLIMITED);
    }

    StagedMessage stage(byte[] bytes) {
        try (var w = master.newMessage()) {
            w.body().write(bytes);
            return w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AppendResult append(Mailbox mailbox, byte[] bytes, Flags flags) {
        try (var staged = stage(bytes)) {
            return mailbox.append(staged, flags, Instant.parse("2026-11-23T10:00:00Z"));
        }
    }

    static byte[] message(String subject, String body) {
        return ("From: Alice <alice@example.com>\r\nTo: bob@example.com\r\nSubject: " + subject
                        + "\r\nMessage-ID: <" + subject.hashCode() + "." + body.hashCode() + "@example.com>\r\n"
                        + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (client != null) client.close();
        relay.close();
        server.close();
        master.close();
        replica.close();
    }
}
