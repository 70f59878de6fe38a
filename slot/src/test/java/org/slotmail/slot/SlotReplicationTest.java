package org.slotmail.slot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.UidSet;
import org.slotmail.slot.api.SlotRole;

/**
 * Two slots of one store in one JVM, wired as {@code slot run} wires them: the master's changes
 * reach the replica through its sync server, the admin calls failover needs move the master role
 * from one to the other, and a slot that is master takes no updates from another.
 */
class SlotReplicationTest {
    private static final Secret SECRET = new Secret("pw-secret-replication-0123456789");

    @TempDir
    Path dir;

    private final List<Slot> slots = new ArrayList<>();

    @AfterEach
    void stop() {
        slots.reversed().forEach(Slot::close);
    }

    private static int freePort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** A slot of store st1 with a sync server on {@code syncPort} and a channel to each of {@code peers}. */
    private Slot start(String id, SlotRole role, int syncPort, List<ChannelConfig> peers) {
        var config = SlotConfig.standalone(
                        id,
                        dir.resolve(id),
                        "127.0.0.1",
                        Ports.ephemeral(),
                        "slot.test",
                        SlotConfig.DEFAULT_MAX_MESSAGE_SIZE)
                .withRole(role)
                .withReplication(new ReplicationSettings(syncPort, Optional.of(SECRET), peers));
        var slot = Slot.start(config, new OneAccountDirectory());
        slots.add(slot);
        return slot;
    }

    private static void deliver(Slot slot, String subject) throws IOException {
        try (var lmtp = new TextClient(slot.lmtpAddress())) {
            lmtp.line();
            lmtp.command("LHLO mta.example.net");
            lmtp.command("MAIL FROM:<bob@example.org>");
            assertThat(lmtp.command("RCPT TO:<" + OneAccountDirectory.USER + ">"))
                    .startsWith("250 ");
            lmtp.command("DATA");
            lmtp.write("Subject: " + subject + "\r\n\r\nhello\r\n.");
            assertThat(lmtp.line()).startsWith("250 ");
        }
    }

    private static int inboxSize(Slot slot) {
        return slot.store()
                .storedAccount(OneAccountDirectory.USER)
                .map(a -> slot.store()
                        .account(a)
                        .open(MailboxName.INBOX)
                        .fetch(UidSet.ALL)
                        .size())
                .orElse(0);
    }

    @Test
    void aDeliveryOnTheMasterReachesTheReplicaAndTheStatusShowsTheChannelCaughtUp() throws Exception {
        var replica = start("s2", SlotRole.REPLICA, 0, List.of());
        var master = start(
                "s1",
                SlotRole.MASTER,
                -1,
                List.of(new ChannelConfig(
                        "s2", "s2", "127.0.0.1", replica.syncAddress().getPort())));
        deliver(master, "one");
        assertThat(master.drain(Duration.ofSeconds(30)).drained()).isTrue();
        assertThat(inboxSize(replica)).isEqualTo(1);
        assertThat(master.status().channels()).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo("idle");
            assertThat(c.backlogEntries()).isZero();
            assertThat(c.lagP50Millis()).isNotNull();
            assertThat(c.lastError()).isNull();
        });
        assertThat(replica.status().sync())
                .isEqualTo("127.0.0.1:" + replica.syncAddress().getPort());
    }

    @Test
    void theMasterRoleMovesWithTheAdminCallsFailoverUses() throws Exception {
        int s1Sync = freePort(), s2Sync = freePort();
        var s1 = start("s1", SlotRole.MASTER, s1Sync, List.of(new ChannelConfig("s2", "s2", "127.0.0.1", s2Sync)));
        var s2 = start("s2", SlotRole.REPLICA, s2Sync, List.of(new ChannelConfig("s1", "s1", "127.0.0.1", s1Sync)));
        deliver(s1, "before the failover");

        // DESIGN §4: stop A's listeners, drain A, A becomes a replica, B becomes master.
        s1.stopListeners(Duration.ofSeconds(1));
        assertThat(s1.drain(Duration.ofSeconds(30)).drained()).isTrue();
        s1.changeRole(SlotRole.REPLICA);
        s2.changeRole(SlotRole.MASTER);
        s1.startListeners();
        assertThat(inboxSize(s2)).isEqualTo(1);
        assertThat(s1.status().channels())
                .singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo("stopped"));

        deliver(s2, "after the failover");
        assertThat(s2.drain(Duration.ofSeconds(30)).drained()).isTrue();
        assertThat(inboxSize(s1)).isEqualTo(2);
    }

    @Test
    void aSlotThatIsMasterTakesNoUpdatesFromAnother() throws Exception {
        var other = start("s2", SlotRole.MASTER, 0, List.of());
        var master = start(
                "s1",
                SlotRole.MASTER,
                -1,
                List.of(new ChannelConfig(
                        "s2", "s2", "127.0.0.1", other.syncAddress().getPort())));
        deliver(master, "nowhere to go");
        assertThat(master.drain(Duration.ofSeconds(2)).drained()).isFalse();
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(master.status().channels())
                        .singleElement()
                        .satisfies(c -> assertThat(c.lastError()).isNotNull()));
        assertThat(inboxSize(other)).isZero();
    }
}
