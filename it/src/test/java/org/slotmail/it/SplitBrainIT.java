package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.slot.api.SlotRole;

/**
 * A forced failover with real {@code slot run} processes: the master takes mail its replicas never
 * see (both are down), dies with kill -9; a replica is promoted and takes mail of its own; the old
 * master comes back as a replica. Its unshipped mail is reconciled into the new master, nothing is
 * lost, and {@code verify} finds every slot identical.
 */
class SplitBrainIT {
    private static final String USER = "split@example.com";
    private static final String PASSWORD = "pw-secret-split";

    private final List<Process> started = new ArrayList<>();

    @Test
    void aFormerMasterRejoiningAsReplicaLosesNothing() throws Exception {
        Path data = Files.createTempDirectory("slotmail-split").resolve("data");
        var add = SlotmailProcess.run(
                PASSWORD + "\n", "user", "add", USER, "--password-stdin", "--data", data.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        int portBase = 20050 + ThreadLocalRandom.current().nextInt(290) * 100;
        try (var up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(120))) {
            String token = Files.readString(data.resolve("admin-token")).strip();
            List<String> output = Files.readAllLines(up.log);
            var s1 = adminOf(output, "s1", token);
            String s2Host = hostOf(output, "s2");

            deliver("127.0.0.1", portBase + 24, "before", 20);
            assertThat(s1.drain(Duration.ofSeconds(60)).drained()).isTrue();

            // Cut off: both replicas die, the master goes on taking mail, then dies too.
            ReplicationChaosIT.kill(up, "s2");
            ReplicationChaosIT.kill(up, "s3");
            deliver("127.0.0.1", portBase + 24, "old master only", 10);
            ReplicationChaosIT.kill(up, "s1");

            // Forced failover: s2 comes back and is made the master; it takes mail of its own.
            start(data, "s2");
            var s2 = adminOf(output, "s2", token);
            s2.changeRole(SlotRole.MASTER);
            start(data, "s3");
            deliver(s2Host, portBase + 100 + 24, "new master only", 10);

            // The old master rejoins as a replica.
            Path s1Config = data.resolve("slots/s1/slot.yaml");
            Files.writeString(s1Config, Files.readString(s1Config).replaceFirst("(?m)^role: .*$", "role: replica"));
            start(data, "s1");

            var drained = s2.drain(Duration.ofSeconds(120));
            assertThat(drained.drained()).as(drained.toString()).isTrue();
            var verify = SlotmailProcess.run(
                    null,
                    "verify",
                    "--config",
                    data.resolve("slots/s2/slot.yaml").toString(),
                    "--quiet");
            assertThat(verify.out()).contains("s1: ").contains("s3: ");
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            // Every message from both sides: 20 + 10 + 10, none twice.
            var count = Pattern.compile("(\\d+) messages").matcher(verify.out());
            assertThat(count.find()).as(verify.out()).isTrue();
            assertThat(Long.parseLong(count.group(1))).isEqualTo(40);
        } finally {
            for (Process p : started) p.destroyForcibly().waitFor();
        }
    }

    private static void deliver(String host, int port, String what, int count) throws IOException {
        try (var lmtp = new LmtpClient(host, port)) {
            for (int i = 0; i < count; i++) {
                byte[] message = ("Subject: " + what + " " + i + "\r\nMessage-ID: <" + what.replace(' ', '.') + "." + i
                                + "@example.com>\r\n\r\nbody " + i + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                var replies = lmtp.deliver("sender@example.com", List.of(USER), message);
                assertThat(replies.getFirst()).as(what + " " + i).startsWith("250");
            }
        }
    }

    private void start(Path data, String slot) throws IOException {
        started.add(ReplicationChaosIT.startSlot(data, slot));
    }

    private static SlotAdminClient adminOf(List<String> upOutput, String slot, String token) {
        return ReplicationChaosIT.adminOf(upOutput, slot, token);
    }

    private static String hostOf(List<String> upOutput, String slot) {
        var line = Pattern.compile("^slot " + slot + "\\s+\\S+\\s+IMAP (\\S+):\\d+\\s+.*$");
        for (String l : upOutput) {
            var m = line.matcher(l);
            if (m.matches()) return m.group(1);
        }
        throw new IllegalStateException("up printed no line for " + slot);
    }
}
