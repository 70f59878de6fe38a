package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.mailbox.SlotStore;

/**
 * Real {@code slotmail up} processes take deliveries from 8 concurrent LMTP senders and are
 * killed with SIGKILL at random moments, 20 times. After every kill: every message that got its
 * 250 is there, byte for byte; nothing is half there; UIDs only grow and are never reused.
 * Afterwards {@code check} finds nothing wrong.
 */
class CrashRecoveryIT {
    private static final Pattern ID = Pattern.compile("X-Crash-Id: (\\S+)\r\n");
    private static final String USER = "crash@example.com";

    @TempDir
    Path tmp;

    @Test
    void acknowledgedMessagesSurviveKill9() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        var random = new Random(seed);
        Path data = tmp.resolve("data");
        int portBase = 20000 + random.nextInt(300) * 100;
        var add = SlotmailProcess.run(
                "pw-secret-crash\n", "user", "add", USER, "--password-stdin", "--data", data.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();

        Map<String, byte[]> sent = new ConcurrentHashMap<>();
        Set<String> acked = ConcurrentHashMap.newKeySet();
        Map<Long, String> uidOwner = new HashMap<>();
        long maxUidBefore = 0;
        // 12 rounds of about 17 s each (four JVMs start per round on two cores); -Dcrash.rounds=40 for a longer run.
        int rounds = Integer.getInteger("crash.rounds", 12);
        for (int round = 1; round <= rounds; round++) {
            try (var up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(60))) {
                var senders = new ArrayList<Thread>();
                for (int s = 0; s < 8; s++) {
                    int sender = s, r = round;
                    senders.add(Thread.ofVirtual().start(() -> send(portBase + 24, r, sender, sent, acked)));
                }
                Thread.sleep(150 + random.nextInt(1200));
                up.kill9();
                for (Thread t : senders) t.join(Duration.ofSeconds(30));
            }
            maxUidBefore = verify(data, sent, acked, uidOwner, maxUidBefore, round, seed);
            System.out.printf(
                    "crash round %d: %d sent, %d acknowledged, %d stored so far%n",
                    round, sent.size(), acked.size(), uidOwner.size());
        }
        assertThat(acked).as("deliveries acknowledged over all rounds").hasSizeGreaterThan(rounds * 8);

        var ls = SlotmailProcess.run(null, "mail", "ls", USER, "INBOX", "--json", "--data", data.toString());
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.out())
                .contains("\"uid\":"
                        + uidOwner.keySet().stream().max(Long::compare).orElseThrow());
        var check = SlotmailProcess.run(null, "check", "--data", data.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("clean");
    }

    private static void send(int port, int round, int sender, Map<String, byte[]> sent, Set<String> acked) {
        try (var lmtp = new LmtpClient("127.0.0.1", port)) {
            for (int n = 0; ; n++) {
                String id = round + "-" + sender + "-" + n;
                byte[] message = message(id, n);
                sent.put(id, message);
                var replies = lmtp.deliver("sender@example.org", List.of(USER), message);
                if (replies.size() == 1 && replies.getFirst().startsWith("250")) acked.add(id);
                else return;
            }
        } catch (java.io.IOException expected) {
            // the server was killed under us
        }
    }

    private static byte[] message(String id, int n) {
        var body = new StringBuilder();
        for (int i = 0; i < 20 + n % 200; i++)
            body.append("line ").append(i).append(" of message ").append(id).append("\r\n");
        return ("From: sender@example.org\r\nTo: " + USER + "\r\nSubject: crash " + id + "\r\nX-Crash-Id: " + id
                        + "\r\nMessage-ID: <" + id + "@crash.example>\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Checks the store as the killed process left it; returns the highest UID now present. */
    private static long verify(
            Path data,
            Map<String, byte[]> sent,
            Set<String> acked,
            Map<Long, String> uidOwner,
            long maxUidBefore,
            int round,
            long seed)
            throws Exception {
        String context = "round " + round + " (seed " + seed + ")";
        var present = new HashMap<String, Long>();
        long maxUid = 0;
        try (var store = SlotStore.openReadOnly(data.resolve("slots").resolve("s1"))) {
            var account = store.storedAccount(USER).orElseThrow();
            var inbox = store.account(account).open(MailboxName.INBOX);
            long previous = 0;
            for (MessageRecord r : inbox.fetch(UidSet.ALL)) {
                assertThat(r.uid()).as(context).isGreaterThan(previous);
                previous = r.uid();
                byte[] stored;
                try (var in = inbox.content(r.uid())) {
                    stored = in.readAllBytes();
                }
                var m = ID.matcher(new String(stored, StandardCharsets.US_ASCII));
                assertThat(m.find())
                        .as(context + ": UID " + r.uid() + " is one of ours")
                        .isTrue();
                String id = m.group(1);
                assertThat(present.put(id, r.uid()))
                        .as(context + ": " + id + " stored once")
                        .isNull();
                byte[] original = sent.get(id);
                assertThat(original).as(context + ": " + id + " was sent").isNotNull();
                assertThat(endsWith(stored, original))
                        .as(context + ": " + id + " is whole and byte-identical")
                        .isTrue();
                String owner = uidOwner.putIfAbsent(r.uid(), id);
                if (owner != null)
                    assertThat(owner)
                            .as(context + ": UID " + r.uid() + " never reused")
                            .isEqualTo(id);
                else
                    assertThat(r.uid())
                            .as(context + ": new UID above every earlier one")
                            .isGreaterThan(maxUidBefore);
                maxUid = r.uid();
            }
        }
        for (String id : acked)
            assertThat(present)
                    .as(context + ": acknowledged " + id + " survives")
                    .containsKey(id);
        for (long uid : uidOwner.keySet())
            assertThat(present).as(context + ": UID " + uid + " still there").containsValue(uid);
        // Spot-check with the operator's own command, against a real process.
        if (!acked.isEmpty()) {
            String id = acked.iterator().next();
            var cat = SlotmailProcess.run(
                    null, "mail", "cat", USER, "INBOX", Long.toString(present.get(id)), "--data", data.toString());
            assertThat(cat.exitCode()).as(cat.err()).isZero();
            assertThat(endsWith(cat.stdout(), sent.get(id)))
                    .as(context + ": mail cat of " + id)
                    .isTrue();
        }
        return Math.max(maxUid, maxUidBefore);
    }

    private static boolean endsWith(byte[] data, byte[] suffix) {
        if (suffix.length > data.length) return false;
        return java.util.Arrays.equals(data, data.length - suffix.length, data.length, suffix, 0, suffix.length);
    }
}
