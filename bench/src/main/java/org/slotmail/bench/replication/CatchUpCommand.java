package org.slotmail.bench.replication;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replication-bench catch-up}: watches a replica that was just started (by the caller, at
 * {@code --started-at-ms}) catch up: when its sync server listens, when the first and the last of
 * the messages it lacked show there, and when the master's channel to it is empty. Reads the
 * master's status and the replica's INBOX states every {@code --poll-ms}.
 */
@Command(
        name = "catch-up",
        mixinStandardHelpOptions = true,
        description = "Times a restarted replica until the master's channel to it is empty.",
        sortOptions = false)
final class CatchUpCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(
            names = "--replica-sync",
            required = true,
            converter = AddressConverter.class,
            description = "the restarted replica's sync server, host:port")
    InetSocketAddress replicaSync;

    @Option(
            names = "--master-sync",
            required = true,
            converter = AddressConverter.class,
            description = "the master's sync server (read from, for the INBOXes' states), host:port")
    InetSocketAddress masterSync;

    @Option(names = "--channel", required = true, description = "the master's channel to the replica (e.g. s2)")
    String channel;

    @Option(
            names = "--started-at-ms",
            required = true,
            description = "when the replica's process was started, milliseconds since the epoch")
    long startedAtMillis;

    @Option(names = "--poll-ms", defaultValue = "100", description = "(default: ${DEFAULT-VALUE})")
    long pollMillis;

    @Option(names = "--timeout-seconds", defaultValue = "1800", description = "(default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() throws Exception {
        // The caller's wall-clock start, on this JVM's monotonic clock.
        long start = System.nanoTime() - (System.currentTimeMillis() - startedAtMillis) * 1_000_000L;
        SyncLogin login = store.sync();
        Inboxes inboxes;
        long target;
        try (var master = login.open(masterSync)) {
            inboxes = Inboxes.find(master, store.accounts().addresses());
            target = Inboxes.messages(inboxes.states(master));
        }
        var watch = new CatchUpWatch(store.admin(), channel, login, replicaSync, Duration.ofMillis(pollMillis));
        CatchUpResult result = watch.run(start, inboxes, target, Duration.ofSeconds(timeoutSeconds));
        System.out.println(result.line());
        return result.parked() == 0 ? 0 : 1;
    }
}
