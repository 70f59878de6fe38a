package org.slotmail.bench.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slotmail.slot.api.ChannelStatus;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.sync.client.ReplicaSession;
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
        long deadline = start + Duration.ofSeconds(timeoutSeconds).toNanos();
        SlotAdminClient admin = store.admin();
        Inboxes inboxes;
        long target;
        try (var master = store.session(masterSync)) {
            inboxes = Inboxes.find(master, store.accounts().addresses());
            target = Inboxes.messages(inboxes.states(master));
        }
        Long backlogAtStart = channelStatus(admin).backlogEntries();

        long listening = awaitListening(deadline);
        try (ReplicaSession replica = openWhenReady(deadline)) {
            long before = Inboxes.messages(inboxes.states(replica));
            long firstApplied = 0, allApplied = 0, empty = 0;
            ChannelStatus last;
            while (true) {
                long held = Inboxes.messages(inboxes.states(replica));
                long now = System.nanoTime();
                if (firstApplied == 0 && held > before) firstApplied = now;
                if (allApplied == 0 && held >= target) allApplied = now;
                last = channelStatus(admin);
                if (empty == 0 && last.empty()) empty = System.nanoTime();
                if (empty != 0 && allApplied != 0) break;
                if (now > deadline)
                    throw new IOException("not caught up after " + timeoutSeconds + " s: the replica holds " + held
                            + " of " + target + " messages, the channel's backlog is " + last.backlogEntries()
                            + (last.lastError() == null ? "" : ", last error: " + last.lastError()));
                Thread.sleep(pollMillis);
            }
            if (firstApplied == 0) firstApplied = allApplied; // all of it arrived within one poll
            long messages = target - before;
            System.out.println(String.format(
                    Locale.ROOT,
                    "replication-catch-up channel=%s messages=%d backlog_entries=%d start_to_listening_s=%.2f"
                            + " listening_to_first_apply_s=%.2f first_to_last_apply_s=%.2f last_apply_to_empty_s=%.2f"
                            + " start_to_empty_s=%.2f per_s=%.0f per_s_from_listening=%.0f parked=%d load_after=%s",
                    channel,
                    messages,
                    backlogAtStart,
                    seconds(listening - start),
                    seconds(firstApplied - listening),
                    seconds(allApplied - firstApplied),
                    seconds(Math.max(0, empty - allApplied)),
                    seconds(empty - start),
                    messages / seconds(empty - start),
                    messages / seconds(empty - listening),
                    last.parked(),
                    LoadAverage.now()));
            return last.parked() == 0 ? 0 : 1;
        }
    }

    private ChannelStatus channelStatus(SlotAdminClient admin) throws Exception {
        return admin.status().channels().stream()
                .filter(c -> c.name().equals(channel))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the master has no channel " + channel));
    }

    /** When the replica's sync port first accepts a connection. */
    private long awaitListening(long deadline) throws IOException, InterruptedException {
        while (true) {
            try (var probe = new Socket()) {
                probe.connect(replicaSync, 200);
                return System.nanoTime();
            } catch (IOException e) {
                if (System.nanoTime() > deadline)
                    throw new IOException("the replica's sync server never listened on " + replicaSync);
                Thread.sleep(10);
            }
        }
    }

    private ReplicaSession openWhenReady(long deadline) throws IOException, InterruptedException {
        while (true) {
            try {
                return store.session(replicaSync);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(10);
            }
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
