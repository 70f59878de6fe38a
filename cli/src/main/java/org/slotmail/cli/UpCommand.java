package org.slotmail.cli;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.slotmail.cluster.db.ClusterDatabase;
import org.slotmail.cluster.db.ClusterDatabaseException;
import org.slotmail.net.login.PlaintextLogins;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.SlotSecurity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slotmail up}: the demo system in the foreground. Today one store of three slots, each its own
 * process ({@code slot run}): s1 the master, serving LMTP, IMAP and POP3 on the client ports, s2 and
 * s3 its replicas (see {@link DemoStore} for who listens where). The control plane is the embedded
 * cluster database under the data directory.
 */
@Command(
        name = "up",
        description = "Run the demo system in the foreground until SIGINT/SIGTERM.",
        mixinStandardHelpOptions = true)
final class UpCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ./data)")
    Path data = Path.of("data");

    @Option(
            names = "--port-base",
            paramLabel = "N",
            description = "client ports are N plus the standard port (default 10000)")
    int portBase = 10000;

    @Option(
            names = "--bind",
            paramLabel = "ADDRESS",
            description = "address the master's client ports listen on (default 127.0.0.1)")
    String bind = "127.0.0.1";

    @Option(
            names = "--max-message-size",
            paramLabel = "BYTES",
            description = "largest message accepted (default 50 MiB)")
    long maxMessageSize = SlotConfig.DEFAULT_MAX_MESSAGE_SIZE;

    @Option(
            names = "--tls-certificate",
            paramLabel = "FILE",
            description = "PEM certificate chain for every TLS listener, re-read when it changes"
                    + " (default: a demo certificate made under the slot's directory)")
    Path tlsCertificate;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            description = "PEM private key of --tls-certificate (may be the same file)")
    Path tlsKey;

    @Option(
            names = "--plaintext-logins",
            paramLabel = "WHEN",
            description = "passwords without TLS: never, loopback (default) or always")
    String plaintextLogins = "loopback";

    @Option(
            names = "--max-sessions-per-account",
            paramLabel = "N",
            description = "IMAP and POP3 sessions one account may hold at once (default 50)")
    int maxSessionsPerAccount = SlotSecurity.defaults().maxSessionsPerAccount();

    private SlotSecurity security() {
        if ((tlsCertificate == null) != (tlsKey == null))
            throw new CliException("--tls-certificate and --tls-key go together");
        if (maxSessionsPerAccount < 1) throw new CliException("--max-sessions-per-account must be at least 1");
        SlotSecurity security;
        try {
            security = SlotSecurity.defaults()
                    .withPlaintextLogins(PlaintextLogins.parse(plaintextLogins))
                    .withMaxSessionsPerAccount(maxSessionsPerAccount);
        } catch (IllegalArgumentException e) {
            throw new CliException("--plaintext-logins: " + e.getMessage());
        }
        if (tlsCertificate != null) {
            for (Path file : List.of(tlsCertificate, tlsKey)) {
                if (!java.nio.file.Files.isReadable(file)) throw new CliException("cannot read " + file);
            }
            security = security.withCertificate(tlsCertificate.toAbsolutePath(), tlsKey.toAbsolutePath());
        }
        return security;
    }

    /** How long a slot may take to start; three JVMs starting at once on a small machine are slow. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** How long a slot may take to stop after SIGTERM: its listeners give running commands 5 s. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(30);

    private final List<SlotProcess> slots = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    @Override
    public Integer call() throws Exception {
        if (portBase < 0 || portBase + DemoStore.HIGHEST_OFFSET > 65535)
            throw new CliException("--port-base must leave room for N+" + DemoStore.HIGHEST_OFFSET + " below 65536");
        SlotSecurity security = security(); // checked before anything is created on disk
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.slotmail")).setLevel(Level.INFO);
        // Created (and migrated) here, once, before the slots open it.
        try (var database = ClusterDatabase.create(data)) {
            database.file();
        } catch (ClusterDatabaseException e) {
            throw new CliException(e.getMessage());
        }
        boolean ownAddresses = DemoStore.ownAddressesAvailable();
        var members = DemoStore.plan(portBase, bind, ownAddresses);
        var options = new DemoStore.Options(
                maxMessageSize,
                security.maxSessionsPerAccount(),
                security.plaintextLogins().configValue(),
                tlsCertificate,
                tlsKey);
        var configs = new ArrayList<Path>();
        try {
            DemoStore.secretFile(data.resolve("admin-token"));
            DemoStore.secretFile(data.resolve("replication-secret"));
            for (var member : members) configs.add(DemoStore.writeConfig(data, member, members, options));
        } catch (IOException e) {
            throw new CliException("cannot write the slots' configuration under " + data + ": " + e.getMessage());
        }

        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(stopped), "slotmail-shutdown"));
        var announced = new ArrayList<Map<String, String>>();
        try {
            for (int i = 0; i < members.size(); i++)
                slots.add(SlotProcess.start(members.get(i).id(), configs.get(i)));
            for (var slot : slots) announced.add(slot.awaitReady(READY_TIMEOUT));
        } catch (IOException e) {
            throw new CliException("cannot start a slot process: " + e.getMessage());
        }
        for (var slot : slots) {
            slot.onExit().thenAccept(p -> {
                if (!stopping) {
                    System.err.println("slotmail: slot " + slot.id + " exited unexpectedly (exit code " + p.exitValue()
                            + "); the others keep running");
                    System.err.flush();
                }
            });
        }

        var master = announced.getFirst();
        System.out.println("data      " + data.toAbsolutePath());
        for (String protocol : List.of("LMTP", "IMAP", "IMAPS", "POP3", "POP3S")) {
            System.out.printf("%-10s%s%n", protocol, master.get(protocol));
        }
        System.out.println("TLS       " + master.get("TLS"));
        for (int i = 0; i < members.size(); i++) {
            var member = members.get(i);
            var said = announced.get(i);
            System.out.printf(
                    "slot %-4s %-8s IMAP %s  admin %s  sync %s%n",
                    member.id(), member.role().wireName(), said.get("IMAP"), said.get("ADMIN"), said.get("SYNC"));
        }
        if (!ownAddresses) {
            System.out.println("note      127.0.1.1-3 cannot be bound here: every slot listens on 127.0.0.1");
        }
        System.out.println("slotmail ready");
        System.out.flush();
        stopped.await();
        return 0;
    }

    /** SIGTERM to every slot at once, then wait for each (they stop in parallel). */
    private void stopAll(CountDownLatch stopped) {
        stopping = true;
        boolean started = !slots.isEmpty();
        if (started) System.out.println("slotmail stopping");
        var waits = slots.stream()
                .map(slot -> Thread.ofVirtual().start(() -> {
                    try {
                        slot.stop(STOP_PATIENCE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .toList();
        for (Thread t : waits) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (started) System.out.println("slotmail stopped");
        System.out.flush();
        stopped.countDown();
    }
}
