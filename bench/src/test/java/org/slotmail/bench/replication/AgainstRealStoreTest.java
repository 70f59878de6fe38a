package org.slotmail.bench.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.bench.Delivery;
import org.slotmail.bench.LmtpClient;
import org.slotmail.bench.MessageFactory;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountDirectory;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.slot.AdminSettings;
import org.slotmail.slot.ChannelConfig;
import org.slotmail.slot.Ports;
import org.slotmail.slot.ReplicationSettings;
import org.slotmail.slot.Secret;
import org.slotmail.slot.Slot;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.sync.protocol.SyncSecret;

/** The benchmark's lag and catch-up measurements against a real master and replica in this JVM. */
class AgainstRealStoreTest {
    private static final String SECRET = "pw-secret-replication-bench-0123";
    private static final String TOKEN = "pw-secret-admin-token-0123456789";
    private static final BenchAccounts ACCOUNTS = new BenchAccounts("repl", "example.com", 1, 3);

    @TempDir
    Path dir;

    private final List<Slot> slots = new ArrayList<>();

    @AfterEach
    void stop() {
        slots.reversed().forEach(Slot::close);
    }

    /** The three benchmark accounts, any password. */
    private static final class BenchDirectory implements AccountDirectory {
        @Override
        public Optional<Account> find(String address) {
            List<String> all = ACCOUNTS.addresses();
            int i = all.indexOf(address.toLowerCase(java.util.Locale.ROOT));
            return i < 0 ? Optional.empty() : Optional.of(new Account(100 + i, all.get(i), QuotaLimits.UNLIMITED));
        }

        @Override
        public Optional<Account> authenticate(String address, char[] password) {
            return Optional.empty();
        }
    }

    private Slot start(String id, SlotRole role, int syncPort, List<ChannelConfig> channels) {
        var config = SlotConfig.standalone(id, dir.resolve(id), "127.0.0.1", Ports.ephemeral(), "slot.test", 1 << 20)
                .withRole(role)
                .withReplication(new ReplicationSettings(syncPort, Optional.of(new Secret(SECRET)), channels))
                .withAdmin(AdminSettings.on(0, new Secret(TOKEN)));
        var slot = Slot.start(config, new BenchDirectory());
        slots.add(slot);
        return slot;
    }

    /**
     * A free port below Linux's ephemeral range (32768 and up): while the replica is down the
     * master keeps connecting to its port, and a connection to a port in that range with nothing
     * listening can be given that very port as its own (a TCP self-connect), which then holds it
     * when the replica comes back.
     */
    private static int freePort() throws IOException {
        var random = new java.util.Random();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20_000 + random.nextInt(10_000);
            try (var probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port between 20000 and 30000");
    }

    private static SlotAdminClient admin(Slot slot) {
        return new SlotAdminClient(
                slot.adminAddress().getHostString(), slot.adminAddress().getPort(), TOKEN);
    }

    private static final SyncLogin LOGIN = new SyncLogin(SyncSecret.of(SECRET));

    private static void deliver(Slot master, int count) throws IOException {
        var messages = new MessageFactory(2048, "bench@example.net", "test000000", 7);
        List<String> addresses = ACCOUNTS.addresses();
        try (var lmtp = LmtpClient.connect(master.lmtpAddress(), "bench@example.net", Duration.ofSeconds(30), true)) {
            for (int i = 0; i < count; i++) {
                List<String> to = List.of(addresses.get(i % addresses.size()));
                Delivery d = lmtp.deliver(messages.create(i, to), to);
                assertThat(d.failures()).isEmpty();
            }
        }
    }

    @Test
    void everyMessageDeliveredAtTheRateIsSeenOnTheReplicaAndMeasured() throws Exception {
        var replica = start("s2", SlotRole.REPLICA, 0, List.of());
        var master = start(
                "s1",
                SlotRole.MASTER,
                0,
                List.of(new ChannelConfig(
                        "s2", "s2", "127.0.0.1", replica.syncAddress().getPort())));
        deliver(master, ACCOUNTS.count()); // every INBOX exists before the run
        assertThat(admin(master).drain(Duration.ofSeconds(30)).drained()).isTrue();

        try (var session = LOGIN.open(replica.syncAddress())) {
            var inboxes = Inboxes.find(session, ACCOUNTS.addresses());
            var run = new LagRun(master.lmtpAddress(), admin(master), "s2", session, inboxes);
            var plan = new LagPlan(
                    40,
                    Duration.ofMillis(500),
                    Duration.ofSeconds(1),
                    2048,
                    Duration.ofMillis(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30));
            LagResult result = run.run(plan);

            assertThat(result.unseen()).isZero();
            assertThat(result.lag().count()).isEqualTo(40);
            assertThat(result.replies().count()).isEqualTo(40);
            assertThat(result.pollRoundTrips().count()).isPositive();
            assertThat(result.line())
                    .startsWith("replication-lag replica=s2 rate=40 ")
                    .contains(" measured=40 ");
            // Every message of the run (warm-up included) is on the replica, in its account's INBOX.
            assertThat(Inboxes.messages(inboxes.states(session))).isEqualTo(ACCOUNTS.count() + 60);
        }
    }

    @Test
    void aReplicaRestartedAfterDeliveriesIsTimedUntilTheChannelIsEmpty() throws Exception {
        int replicaSync = freePort();
        var replica = start("s2", SlotRole.REPLICA, replicaSync, List.of());
        var master = start("s1", SlotRole.MASTER, 0, List.of(new ChannelConfig("s2", "s2", "127.0.0.1", replicaSync)));
        deliver(master, ACCOUNTS.count());
        assertThat(admin(master).drain(Duration.ofSeconds(30)).drained()).isTrue();
        replica.close();
        slots.remove(replica);

        deliver(master, 90);
        Inboxes inboxes;
        long target;
        try (var session = LOGIN.open(master.syncAddress())) {
            inboxes = Inboxes.find(session, ACCOUNTS.addresses());
            target = Inboxes.messages(inboxes.states(session));
        }
        long started = System.nanoTime();
        start("s2", SlotRole.REPLICA, replicaSync, List.of());
        var watch = new CatchUpWatch(
                admin(master),
                "s2",
                LOGIN,
                new java.net.InetSocketAddress("127.0.0.1", replicaSync),
                Duration.ofMillis(20));
        CatchUpResult result = watch.run(started, inboxes, target, Duration.ofMinutes(1));

        assertThat(result.messages()).isEqualTo(90);
        assertThat(result.backlogEntries()).isGreaterThanOrEqualTo(90);
        assertThat(result.parked()).isZero();
        assertThat(result.listening()).isLessThanOrEqualTo(result.firstApplied());
        assertThat(result.firstApplied()).isLessThanOrEqualTo(result.allApplied());
        assertThat(result.line()).contains(" messages=90 ");
        assertThat(Arrays.stream(new long[] {result.allApplied(), result.empty()}))
                .allMatch(t -> t > 0);
    }
}
