package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.slot.api.SlotAdminException;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.slot.api.SlotStatus;

/**
 * {@code slotmail up} runs one store of three slots, each its own process: s1 the master on the
 * client ports, s2 and s3 replicas that refuse every client with a temporary answer. Each slot
 * answers its admin API with the token {@code up} generated, and SIGTERM stops them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpIT {
    private static final String USER = "upit@example.com";
    private static final String PASSWORD = "pw-secret-upit";
    private static final Pattern SLOT_LINE =
            Pattern.compile("^slot (s\\d)\\s+(master|replica)\\s+IMAP (\\S+)\\s+admin (\\S+):(\\d+)\\s+sync .*$");

    Path data;
    int portBase;
    SlotmailProcess up;
    List<String> output;
    String token;

    @BeforeAll
    void start() throws Exception {
        data = Files.createTempDirectory("slotmail-up").resolve("data");
        var add = SlotmailProcess.run(
                PASSWORD + "\n", "user", "add", USER, "--password-stdin", "--data", data.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        portBase = 20000 + ThreadLocalRandom.current().nextInt(300) * 100;
        up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(120));
        output = Files.readAllLines(up.log);
        token = Files.readString(data.resolve("admin-token")).strip();
    }

    @AfterAll
    void stop() throws Exception {
        if (up != null) up.close();
    }

    /** Each slot's admin API, by slot id, from the lines up printed. */
    private Map<String, SlotAdminClient> admins() {
        var clients = new java.util.TreeMap<String, SlotAdminClient>();
        for (String line : output) {
            var m = SLOT_LINE.matcher(line);
            if (m.matches())
                clients.put(m.group(1), new SlotAdminClient(m.group(4), Integer.parseInt(m.group(5)), token));
        }
        return clients;
    }

    private static String[] hostPort(String address) {
        int colon = address.lastIndexOf(':');
        return new String[] {address.substring(0, colon), address.substring(colon + 1)};
    }

    /** The first line of a server's answer to {@code command}, after its greeting and untagged lines. */
    private static String answer(String address, String... commands) throws IOException {
        var hp = hostPort(address);
        try (var socket = new Socket(hp[0], Integer.parseInt(hp[1]));
                var in =
                        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            socket.setSoTimeout(30_000);
            in.readLine();
            String last = null;
            for (String command : commands) {
                socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                do {
                    last = in.readLine();
                } while (last != null && (last.startsWith("* ") || last.matches("^\\d{3}-.*")));
            }
            return last;
        }
    }

    @Test
    @Order(1)
    void upPrintsTheClientAddressesOneLinePerSlotAndReadyLast() {
        var text = String.join("\n", output);
        var order = List.of("LMTP      ", "IMAP      ", "IMAPS     ", "POP3      ", "POP3S     ", "TLS       ");
        int at = -1;
        for (String prefix : order) {
            int next = output.stream()
                    .filter(l -> l.startsWith(prefix))
                    .findFirst()
                    .map(output::indexOf)
                    .orElse(-1);
            assertThat(next).as(prefix + "in\n" + text).isGreaterThan(at);
            at = next;
        }
        assertThat(output)
                .contains("LMTP      127.0.0.1:" + (portBase + 24), "IMAP      127.0.0.1:" + (portBase + 143));
        assertThat(admins()).as(text).containsOnlyKeys("s1", "s2", "s3");
        assertThat(output.getLast()).isEqualTo("slotmail ready");
    }

    @Test
    @Order(2)
    void eachSlotIsItsOwnProcessWithItsOwnConfigurationAndSecretsOnlyTheOwnerReads() throws Exception {
        // ProcessHandle.Info leaves out command lines as long as these (the classpath); /proc has them.
        assertThat(up.children())
                .hasSize(3)
                .allSatisfy(p -> assertThat(Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline")))
                        .contains("\0slot\0run\0--config\0"));
        for (String id : List.of("s1", "s2", "s3")) {
            assertThat(data.resolve("slots").resolve(id).resolve("slot.yaml"))
                    .content()
                    .contains("slot: " + id);
        }
        for (String secret : List.of("admin-token", "replication-secret")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(secret))))
                    .isEqualTo("rw-------");
        }
        // The logs name the files, never their contents.
        assertThat(String.join("\n", output)).doesNotContain(token);
    }

    @Test
    @Order(3)
    void theAdminApiReportsOneMasterAndTwoReplicasOfOneStore() throws Exception {
        var statuses = new java.util.TreeMap<String, SlotStatus>();
        for (var e : admins().entrySet()) statuses.put(e.getKey(), e.getValue().status());
        assertThat(statuses.values()).allSatisfy(s -> {
            assertThat(s.store()).isEqualTo("st1");
            assertThat(s.listenersUp()).isTrue();
            assertThat(s.channels()).hasSize(2);
        });
        assertThat(statuses.get("s1").role()).isEqualTo(SlotRole.MASTER);
        assertThat(statuses.get("s1").listeners()).containsEntry("imap", "127.0.0.1:" + (portBase + 143));
        assertThat(statuses.get("s2").role()).isEqualTo(SlotRole.REPLICA);
        assertThat(statuses.get("s3").role()).isEqualTo(SlotRole.REPLICA);
        var admin = hostPort(adminAddress("s1"));
        assertThatThrownBy(() -> new SlotAdminClient(admin[0], Integer.parseInt(admin[1]), "pw-secret-wrong").status())
                .isInstanceOfSatisfying(
                        SlotAdminException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    private String adminAddress(String id) {
        for (String line : output) {
            var m = SLOT_LINE.matcher(line);
            if (m.matches() && m.group(1).equals(id)) return m.group(4) + ":" + m.group(5);
        }
        throw new IllegalStateException("no line for " + id);
    }

    @Test
    @Order(4)
    void theMasterServesAndTheReplicasRefuseEveryClientWithATemporaryAnswer() throws Exception {
        try (var lmtp = new LmtpClient("127.0.0.1", portBase + 24)) {
            var replies = lmtp.deliver(
                    "sender@example.org",
                    List.of(USER),
                    "Subject: up\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(replies).singleElement().asString().startsWith("250");
        }
        assertThat(answer("127.0.0.1:" + (portBase + 143), "a1 LOGIN " + USER + " " + PASSWORD))
                .startsWith("a1 OK");
        for (String replica : List.of("s2", "s3")) {
            var listeners = admins().get(replica).status().listeners();
            assertThat(answer(listeners.get("imap"), "a1 LOGIN " + USER + " " + PASSWORD))
                    .as(replica + " IMAP")
                    .startsWith("a1 NO [UNAVAILABLE]");
            assertThat(answer(listeners.get("pop3"), "USER " + USER, "PASS " + PASSWORD))
                    .as(replica + " POP3")
                    .startsWith("-ERR [SYS/TEMP]");
            assertThat(answer(
                            listeners.get("lmtp"),
                            "LHLO it.example",
                            "MAIL FROM:<a@example.org>",
                            "RCPT TO:<" + USER + ">"))
                    .as(replica + " LMTP")
                    .startsWith("451 4.3.0");
        }
    }

    @Test
    @Order(5)
    void whatTheMasterTookReachesBothReplicas() throws Exception {
        var drained = admins().get("s1").drain(Duration.ofSeconds(60));
        assertThat(drained.drained()).as(drained.toString()).isTrue();
        assertThat(drained.channels()).hasSize(2).allSatisfy(c -> {
            assertThat(c.backlogEntries()).isZero();
            assertThat(c.state()).isEqualTo("idle");
        });
        var onMaster = SlotmailProcess.run(
                null,
                "mail",
                "ls",
                USER,
                "INBOX",
                "--json",
                "--data",
                data.resolve("slots/s1").toString());
        assertThat(onMaster.exitCode()).as(onMaster.err()).isZero();
        for (String replica : List.of("s2", "s3")) {
            var ls = SlotmailProcess.run(
                    null,
                    "mail",
                    "ls",
                    USER,
                    "INBOX",
                    "--json",
                    "--data",
                    data.resolve("slots/" + replica).toString());
            assertThat(ls.exitCode()).as(ls.err()).isZero();
            assertThat(ls.out()).as(replica).isEqualTo(onMaster.out());
        }
    }

    @Test
    @Order(6)
    void aSlotThatDiesIsReportedAndTheOthersKeepRunning() throws Exception {
        var s3 = up.children().stream()
                .filter(p -> {
                    try {
                        return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"))
                                .contains("/slots/s3/slot.yaml");
                    } catch (IOException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        s3.destroyForcibly();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(up.log).contains("slotmail: slot s3 exited unexpectedly"));
        assertThat(up.children()).hasSize(2);
        assertThat(admins().get("s1").status().role()).isEqualTo(SlotRole.MASTER);
    }

    @Test
    @Order(7)
    void sigtermStopsEverySlotCleanly() throws Exception {
        // 143: the JVM's status after SIGTERM, once its shutdown hook (stopping the slots) has run.
        assertThat(up.stop()).isIn(0, 143);
        var log = Files.readString(up.log);
        assertThat(log).contains("slotmail stopping", "slotmail stopped");
        for (String id : List.of("s1", "s2")) assertThat(log).contains(id + " | slot " + id + " stopped");
        var check = SlotmailProcess.run(null, "check", "--data", data.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }
}
