package org.slotmail.cli;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.slotmail.cluster.accounts.Argon2Cost;
import org.slotmail.cluster.accounts.ClusterAccountDirectory;
import org.slotmail.cluster.accounts.PasswordHasher;
import org.slotmail.cluster.db.ClusterDatabase;
import org.slotmail.cluster.db.ClusterDatabaseException;
import org.slotmail.slot.Slot;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.config.SlotConfigException;
import org.slotmail.slot.config.SlotConfigFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slotmail slot}: one slot as its own process. */
@Command(
        name = "slot",
        description = "Run one slot as its own process.",
        mixinStandardHelpOptions = true,
        subcommands = {SlotCommand.Run.class})
final class SlotCommand implements Runnable {
    @Override
    public void run() {
        throw new CliException("say what to do: slot run --config FILE");
    }

    /**
     * {@code slotmail slot run --config FILE}: the slot the file describes ({@code docs/slot-config.md}),
     * in the foreground until SIGINT/SIGTERM. Prints its addresses, then {@code slot <id> ready}.
     */
    @Command(
            name = "run",
            description = "Run the slot a configuration file describes, in the foreground until SIGINT/SIGTERM."
                    + " Prints its addresses, then 'slot <id> ready'.",
            mixinStandardHelpOptions = true)
    static final class Run implements Callable<Integer> {
        @Option(
                names = "--config",
                paramLabel = "FILE",
                required = true,
                description = "the slot's configuration file (docs/slot-config.md)")
        Path config;

        /** Set by {@code up} for its children: a slot whose parent died (its stdin closed) stops too. */
        @Option(names = "--exit-with-parent", hidden = true)
        boolean exitWithParent;

        @Override
        public Integer call() throws Exception {
            SlotConfig slotConfig;
            try {
                slotConfig = SlotConfigFile.read(config);
            } catch (SlotConfigException e) {
                throw new CliException(e.getMessage());
            }
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.slotmail")).setLevel(Level.INFO);
            ClusterDatabase database;
            try {
                database = ClusterDatabase.openExisting(
                        slotConfig.clusterDatabase().orElseThrow());
            } catch (ClusterDatabaseException e) {
                throw new CliException(config + ": accounts.cluster-database: " + e.getMessage());
            }
            var directory = new ClusterAccountDirectory(
                    database, new PasswordHasher(Argon2Cost.DEFAULT), ClusterAccountDirectory.DEFAULT_DOMAIN);
            Slot slot;
            try {
                slot = Slot.start(slotConfig, directory);
            } catch (RuntimeException e) {
                database.close();
                throw new CliException("cannot start slot " + slotConfig.id() + ": " + e.getMessage());
            }
            var stopped = new CountDownLatch(1);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                System.out.println("slot " + slotConfig.id() + " stopping");
                                slot.close();
                                database.close();
                                System.out.println("slot " + slotConfig.id() + " stopped");
                                System.out.flush();
                                stopped.countDown();
                            },
                            "slot-shutdown"));
            announce(slot, System.out);
            if (exitWithParent) exitWhenClosed(System.in);
            stopped.await();
            return 0;
        }

        /** What a person or {@code up} reads: one line per address, then {@code slot <id> ready}. */
        static void announce(Slot slot, PrintStream out) {
            SlotConfig c = slot.config();
            out.println("slot      " + c.id() + " (store " + c.store() + ", " + slot.role() + ")");
            out.println("data      " + c.dataDir().toAbsolutePath());
            out.println("LMTP      " + address(slot.lmtpAddress()));
            out.println("IMAP      " + address(slot.imapAddress()));
            out.println("IMAPS     " + address(slot.imapsAddress()));
            out.println("POP3      " + address(slot.pop3Address()));
            out.println("POP3S     " + address(slot.pop3sAddress()));
            out.println("SYNC      " + address(slot.syncAddress()));
            out.println("ADMIN     " + address(slot.adminAddress()));
            out.println(
                    c.security().tlsCertificate().isPresent()
                            ? "TLS       certificate "
                                    + c.security().tlsCertificate().get().toAbsolutePath()
                                    + " (re-read when it changes)"
                            : "TLS       demo certificate in "
                                    + c.dataDir().resolve("tls").toAbsolutePath());
            out.println("slot " + c.id() + " ready");
            out.flush();
        }

        private static String address(InetSocketAddress a) {
            return a == null ? "off" : a.getHostString() + ":" + a.getPort();
        }

        /** Stops the process (through its shutdown hook) when {@code in} reaches its end: the parent is gone. */
        private static void exitWhenClosed(InputStream in) {
            Thread.ofPlatform().daemon(true).name("parent-watch").start(() -> {
                try {
                    while (in.read() >= 0) {
                        // the parent writes nothing; only the end matters
                    }
                } catch (IOException e) {
                    // closed under us: the same as the end
                }
                System.exit(0);
            });
        }
    }
}
