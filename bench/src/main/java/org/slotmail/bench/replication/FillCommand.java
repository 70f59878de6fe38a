package org.slotmail.bench.replication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slotmail.bench.ByteSizeConverter;
import org.slotmail.bench.Delivery;
import org.slotmail.bench.LatencyLog;
import org.slotmail.bench.LmtpClient;
import org.slotmail.bench.MessageFactory;
import org.slotmail.slot.api.ChannelStatus;
import org.slotmail.slot.api.SlotAdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code replication-bench fill}: delivers a number of messages as fast as the master takes them
 * (closed loop, several sessions, recipients in turn), for a replica that is down to catch up on
 * later; then waits for the named channels (the replicas that are up) to empty, so the catch-up is
 * measured alone.
 */
@Command(
        name = "fill",
        mixinStandardHelpOptions = true,
        description = "Delivers N messages as fast as the master takes them, then waits for the live channels.",
        sortOptions = false)
final class FillCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--messages", defaultValue = "100000", description = "(default: ${DEFAULT-VALUE})")
    long count;

    @Option(names = "--sessions", defaultValue = "8", description = "LMTP sessions (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(
            names = "--size",
            defaultValue = "3k",
            converter = ByteSizeConverter.class,
            description = "message size (default: ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = "--await-channel",
            description = "a channel of the master to wait for until its backlog is empty (repeatable)")
    List<String> awaitChannels = List.of();

    @Override
    public Integer call() throws Exception {
        List<String> addresses = store.accounts().addresses();
        String runId = HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextLong())
                .substring(0, 10);
        var messages = new MessageFactory(size, "bench@example.net", runId, 2033);
        var next = new AtomicLong();
        var failed = new AtomicLong();
        var logs = new ArrayList<LatencyLog>();
        long began = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var running = new ArrayList<Future<?>>();
            for (int s = 0; s < sessions; s++) {
                var log = new LatencyLog();
                logs.add(log);
                running.add(executor.submit(() -> {
                    try (var lmtp =
                            LmtpClient.connect(store.lmtp(), "bench@example.net", Duration.ofMinutes(2), true)) {
                        for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            List<String> to = List.of(addresses.get((int) (i % addresses.size())));
                            long sent = System.nanoTime();
                            Delivery d = lmtp.deliver(messages.create(i, to), to);
                            log.add(System.nanoTime() - sent);
                            if (!d.failures().isEmpty()) failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        var replies = new Percentiles(merge(logs));
        var line = new StringBuilder(String.format(
                Locale.ROOT,
                "replication-fill messages=%d failed=%d sessions=%d size=%d seconds=%.1f per_s=%.1f"
                        + " reply_p50_ms=%.2f reply_p99_ms=%.2f",
                count,
                failed.get(),
                sessions,
                size,
                seconds,
                count / seconds,
                replies.millis(50),
                replies.millis(99)));
        SlotAdminClient admin = store.admin();
        for (String channel : awaitChannels) {
            long waitBegan = System.nanoTime();
            long deadline = waitBegan + Duration.ofMinutes(10).toNanos();
            while (!backlogOf(admin, channel).empty()) {
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException("channel " + channel + " did not empty within 10 minutes");
                Thread.sleep(100);
            }
            line.append(
                    String.format(Locale.ROOT, " awaited_%s_s=%.1f", channel, (System.nanoTime() - waitBegan) / 1e9));
        }
        for (ChannelStatus c : admin.status().channels())
            line.append(" backlog_" + c.name() + "=" + c.backlogEntries());
        System.out.println(line);
        return failed.get() == 0 ? 0 : 1;
    }

    private static ChannelStatus backlogOf(SlotAdminClient admin, String channel) throws Exception {
        return admin.status().channels().stream()
                .filter(c -> c.name().equals(channel))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the master has no channel " + channel));
    }

    private static long[] merge(List<LatencyLog> logs) {
        return logs.stream()
                .flatMapToLong(l -> java.util.Arrays.stream(l.toArray()))
                .toArray();
    }
}
