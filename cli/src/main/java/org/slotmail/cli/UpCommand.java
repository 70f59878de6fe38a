package org.slotmail.cli;

import ch.qos.logback.classic.Level;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import org.slotmail.cluster.accounts.Argon2Cost;
import org.slotmail.cluster.accounts.ClusterAccountDirectory;
import org.slotmail.cluster.accounts.PasswordHasher;
import org.slotmail.cluster.db.ClusterDatabase;
import org.slotmail.net.login.PlaintextLogins;
import org.slotmail.slot.Ports;
import org.slotmail.slot.Slot;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.SlotSecurity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slotmail up}: the demo system in the foreground. Today one slot serving LMTP, IMAP and POP3; the
 * control plane is the embedded cluster database under the data directory.
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

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default 127.0.0.1)")
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

    @Override
    public Integer call() throws Exception {
        if (portBase < 0 || portBase + 995 > 65535)
            throw new CliException("--port-base must leave room for N+995 below 65536");
        SlotSecurity security = security(); // checked before anything is created on disk
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.slotmail")).setLevel(Level.INFO);
        var database = ClusterDatabase.create(data);
        var directory = new ClusterAccountDirectory(
                database, new PasswordHasher(Argon2Cost.DEFAULT), ClusterAccountDirectory.DEFAULT_DOMAIN);
        var config = new SlotConfig(
                        "s1",
                        data.resolve("slots").resolve("s1"),
                        bind,
                        Ports.fromBase(portBase),
                        hostName(),
                        maxMessageSize,
                        List.of())
                .withSecurity(security);
        Slot slot;
        try {
            slot = Slot.start(config, directory);
        } catch (RuntimeException e) {
            database.close();
            throw new CliException("cannot start: " + e.getMessage());
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("slotmail stopping");
                            slot.close();
                            database.close();
                            System.out.println("slotmail stopped");
                            System.out.flush();
                            stopped.countDown();
                        },
                        "slotmail-shutdown"));
        System.out.println("data      " + data.toAbsolutePath());
        System.out.println("LMTP      " + slot.lmtpAddress().getHostString() + ":"
                + slot.lmtpAddress().getPort());
        System.out.println("IMAP      " + slot.imapAddress().getHostString() + ":"
                + slot.imapAddress().getPort());
        System.out.println("IMAPS     " + slot.imapsAddress().getHostString() + ":"
                + slot.imapsAddress().getPort());
        System.out.println("POP3      " + slot.pop3Address().getHostString() + ":"
                + slot.pop3Address().getPort());
        System.out.println("POP3S     " + slot.pop3sAddress().getHostString() + ":"
                + slot.pop3sAddress().getPort());
        if (tlsCertificate == null) {
            System.out.println("TLS       demo certificate in "
                    + config.dataDir().resolve("tls").toAbsolutePath());
        } else {
            System.out.println(
                    "TLS       certificate " + tlsCertificate.toAbsolutePath() + " (re-read when it changes)");
        }
        System.out.println("slotmail ready");
        System.out.flush();
        stopped.await();
        return 0;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
