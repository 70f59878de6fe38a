package org.slotmail.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slotmail.slot.ChannelConfig;
import org.slotmail.slot.SlotConfig;
import org.slotmail.slot.api.SlotRole;
import org.slotmail.slot.config.SlotConfigException;
import org.slotmail.slot.config.SlotConfigFile;
import org.slotmail.sync.client.RemoteReplica;
import org.slotmail.sync.client.ReplicaEndpoint;
import org.slotmail.sync.client.ReplicaSession;
import org.slotmail.sync.protocol.SyncSecret;
import org.slotmail.sync.verify.Difference;
import org.slotmail.sync.verify.Verifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slotmail verify}: compares every account, mailbox, record and message hash between a
 * store's master and each of its replicas, through their sync servers (so it works while they
 * run), with a progress bar and a report; {@code --repair} brings replicas back to the master.
 */
@Command(
        name = "verify",
        description = "Compare every mailbox, record and message hash between the master and each replica;"
                + " exit 1 if anything differs.",
        mixinStandardHelpOptions = true)
final class VerifyCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "the master slot's configuration file (default: the master's under --data)")
    Path config;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory of `up` (default ./data)")
    Path data = Path.of("data");

    @Option(
            names = "--repair",
            description = "make each replica match the master (a replica holding mail the master lacks is"
                    + " reported, never overwritten)")
    boolean repair;

    @Option(
            names = {"-q", "--quiet"},
            description = "no progress bar")
    boolean quiet;

    @Override
    public Integer call() {
        SlotConfig master = masterConfig();
        var secret = master.replication()
                .secret()
                .orElseThrow(() -> new CliException(master.id() + " has no replication secret"));
        if (master.replication().channels().isEmpty()) throw new CliException(master.id() + " has no replicas");
        SyncSecret key = SyncSecret.of(secret.reveal());
        var masterAddress =
                new InetSocketAddress(master.bindAddress(), master.replication().syncPort());
        int differing = 0;
        for (ChannelConfig channel : master.replication().channels()) {
            var replicaAddress = new InetSocketAddress(channel.host(), channel.port());
            try (var ours = remote(masterAddress, key);
                    var theirs = remote(replicaAddress, key)) {
                var verifier = new Verifier(ours, theirs, false);
                var report = verifier.run(repair, p -> progress(channel.replica(), p));
                if (!quiet) System.err.println();
                for (Difference d : report.differences())
                    System.out.println("DIFFERS " + channel.replica() + ": " + d.describe());
                if (repair && !report.clean()) {
                    report = new Verifier(ours, theirs, false).run(false, p -> {});
                    System.out.printf("%s: repaired; afterwards %s%n", channel.replica(), summary(report));
                    for (Difference d : report.differences())
                        System.out.println("STILL DIFFERS " + channel.replica() + ": " + d.describe());
                } else {
                    System.out.printf("%s: %s%n", channel.replica(), summary(report));
                }
                if (!report.clean()) differing++;
            } catch (IOException | UncheckedIOException e) {
                // One unreachable replica must not hide what the others look like.
                System.out.printf("%s: cannot verify: %s%n", channel.replica(), e.getMessage());
                differing++;
            }
        }
        return differing == 0 ? 0 : 1;
    }

    private static String summary(Verifier.Report r) {
        return String.format(
                "%d accounts, %d mailboxes, %d messages, %d message hashes checked, %s",
                r.accounts(),
                r.mailboxes(),
                r.messages(),
                r.blobs(),
                r.clean() ? "identical to the master" : r.differences().size() + " differences");
    }

    private void progress(String replica, Verifier.Progress p) {
        if (quiet) return;
        int width = 30;
        int filled = p.accounts() == 0 ? width : (int) ((long) width * p.accountsDone() / p.accounts());
        System.err.printf(
                "\r%s [%s%s] %d/%d accounts, %d messages",
                replica,
                "#".repeat(filled),
                " ".repeat(width - filled),
                p.accountsDone(),
                p.accounts(),
                p.messagesChecked());
        System.err.flush();
    }

    private static RemoteReplica remote(InetSocketAddress address, SyncSecret key) throws IOException {
        var endpoint = ReplicaEndpoint.of(address, key).withClientName("verify");
        return new RemoteReplica(ReplicaSession.open(endpoint));
    }

    /** The given file, or the one slot under {@code DIR/slots} whose file says it is the master. */
    private SlotConfig masterConfig() {
        try {
            if (config != null) return SlotConfigFile.read(config);
            Path slots = data.resolve("slots");
            if (!Files.isDirectory(slots)) throw new CliException("no slots under " + data);
            List<SlotConfig> masters = new ArrayList<>();
            try (Stream<Path> dirs = Files.list(slots)) {
                for (Path d : dirs.sorted().toList()) {
                    Path file = d.resolve("slot.yaml");
                    if (!Files.isRegularFile(file)) continue;
                    SlotConfig c = SlotConfigFile.read(file);
                    if (c.role() == SlotRole.MASTER) masters.add(c);
                }
            }
            if (masters.size() != 1)
                throw new CliException(
                        masters.size() + " slots under " + slots + " are masters; name one with --config");
            return masters.getFirst();
        } catch (SlotConfigException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("cannot read " + data + ": " + e.getMessage());
        }
    }
}
