package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slotmail.slot.api.SlotAdminClient;

/**
 * Three real slot processes under {@code up}; continuous LMTP deliveries and IMAP flag changes on
 * the master; kill -9 of a replica and then of the master while batches are in flight; both
 * restarted with {@code slot run}; then the replicas converge, {@code verify} finds them identical
 * to the master, and every delivery that got its 250 is there.
 */
class ReplicationChaosIT {
    private static final String USER = "chaos@example.com";
    private static final String PASSWORD = "pw-secret-chaos";

    private final List<Process> restarted = new ArrayList<>();

    @Test
    void replicasConvergeAfterKillNineOfAReplicaAndOfTheMaster() throws Exception {
        Path data = Files.createTempDirectory("slotmail-chaos").resolve("data");
        var add = SlotmailProcess.run(
                PASSWORD + "\n", "user", "add", USER, "--password-stdin", "--data", data.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        int portBase = 20050 + ThreadLocalRandom.current().nextInt(290) * 100;
        var stop = new AtomicBoolean();
        var acknowledged = new AtomicInteger();
        var flagChanges = new AtomicInteger();
        try (var up = SlotmailProcess.up(data, portBase, Duration.ofSeconds(120))) {
            String token = Files.readString(data.resolve("admin-token")).strip();
            var admin = adminOf(Files.readAllLines(up.log), "s1", token);
            Thread deliveries = Thread.ofVirtual().start(() -> deliverUntil(stop, portBase + 24, acknowledged));
            Thread flags = Thread.ofVirtual().start(() -> flagUntil(stop, portBase + 143, flagChanges));

            await(() -> acknowledged.get() >= 50);
            kill(up, "s3");
            await(() -> acknowledged.get() >= 150);
            restart(data, "s3");
            await(() -> acknowledged.get() >= 250);
            kill(up, "s1"); // the master, mid-batch: deliveries and flag changes are flowing
            Thread.sleep(500);
            restart(data, "s1");
            int before = acknowledged.get();
            await(() -> acknowledged.get() >= before + 100 && flagChanges.get() > 10);
            stop.set(true);
            deliveries.join(Duration.ofSeconds(30));
            flags.join(Duration.ofSeconds(30));

            var drained = admin.drain(Duration.ofSeconds(120));
            assertThat(drained.drained()).as(drained.toString()).isTrue();
            var verify = SlotmailProcess.run(null, "verify", "--data", data.toString(), "--quiet");
            assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
            var count = Pattern.compile("(\\d+) messages").matcher(verify.out());
            assertThat(count.find()).as(verify.out()).isTrue();
            // Every message acknowledged with a 250 is on the master and both replicas (a delivery
            // cut off by the kill may be there without its 250 having arrived).
            assertThat(Long.parseLong(count.group(1))).isGreaterThanOrEqualTo(acknowledged.get());
            assertThat(verify.out()).contains("s2: ").contains("s3: ").contains("identical to the master");
        } finally {
            stop.set(true);
            for (Process p : restarted) p.destroyForcibly().waitFor();
        }
    }

    static SlotAdminClient adminOf(List<String> upOutput, String slot, String token) {
        var line = Pattern.compile("^slot " + slot + "\\s+\\S+\\s+IMAP \\S+\\s+admin (\\S+):(\\d+)\\s+sync .*$");
        for (String l : upOutput) {
            var m = line.matcher(l);
            if (m.matches()) return new SlotAdminClient(m.group(1), Integer.parseInt(m.group(2)), token);
        }
        throw new IllegalStateException("up printed no line for " + slot);
    }

    static void kill(SlotmailProcess up, String slot) {
        var child = up.children().stream()
                .filter(p -> {
                    try {
                        return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"))
                                .contains("/slots/" + slot + "/slot.yaml");
                    } catch (IOException e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        child.destroyForcibly(); // SIGKILL
        await(() -> !child.isAlive());
    }

    /** Starts a slot again on its own, as an operator (or systemd) would after a crash. */
    private void restart(Path data, String slot) throws IOException {
        restarted.add(startSlot(data, slot));
    }

    /** Runs {@code slot run} with the slot's configuration under {@code data}; returns once it is ready. */
    static Process startSlot(Path data, String slot) throws IOException {
        Path log = Files.createDirectories(Path.of(System.getProperty("slotmail.process.logs", data.toString())))
                .resolve("slot-" + slot + "-" + System.nanoTime() + ".log");
        var process = new ProcessBuilder(SlotmailProcess.command(
                        "slot",
                        "run",
                        "--config",
                        data.resolve("slots/" + slot + "/slot.yaml").toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await(() -> Files.readString(log).contains("slot " + slot + " ready"));
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return process;
    }

    private static void deliverUntil(AtomicBoolean stop, int port, AtomicInteger acknowledged) {
        int n = 0;
        while (!stop.get()) {
            try (var lmtp = new LmtpClient("127.0.0.1", port)) {
                while (!stop.get()) {
                    byte[] message = ("Subject: chaos " + n + "\r\nMessage-ID: <chaos." + n
                                    + "@example.com>\r\n\r\nbody " + n + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    var replies = lmtp.deliver("sender@example.com", List.of(USER), message);
                    n++;
                    if (replies.getFirst().startsWith("250")) acknowledged.incrementAndGet();
                }
            } catch (IOException | RuntimeException e) {
                pause(); // the master is down or restarting: try again
            }
        }
    }

    private static void flagUntil(AtomicBoolean stop, int port, AtomicInteger changes) {
        int n = 0;
        while (!stop.get()) {
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                socket.setSoTimeout(30_000);
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                in.readLine();
                command(in, out, "a LOGIN " + USER + " " + PASSWORD);
                command(in, out, "b SELECT INBOX");
                while (!stop.get()) {
                    String sign = n++ % 2 == 0 ? "+" : "-";
                    if (command(in, out, "c UID STORE 1:* " + sign + "FLAGS.SILENT (\\Flagged $chaos)")
                            .startsWith("c OK")) changes.incrementAndGet();
                    Thread.sleep(20);
                }
            } catch (IOException | RuntimeException e) {
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one command; returns its tagged completion. */
    private static String command(BufferedReader in, OutputStream out, String command) throws IOException {
        String tag = command.substring(0, command.indexOf(' '));
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith(tag + " ")) {
                if (!line.startsWith(tag + " OK")) throw new IOException(line);
                return line;
            }
        }
        throw new IOException("connection closed");
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(50))
                .until(condition);
    }
}
