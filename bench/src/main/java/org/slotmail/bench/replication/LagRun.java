package org.slotmail.bench.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.slotmail.bench.LatencyLog;
import org.slotmail.bench.MessageFactory;
import org.slotmail.slot.api.ChannelStatus;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.sync.client.ReplicaSession;

/**
 * One lag measurement against a running store: drains the master's channels (so the replica
 * starts in step and nothing queued earlier is measured), takes each INBOX's UIDNEXT there, then
 * delivers at the plan's rate over one connection per account while a {@link VisibilityWatch}
 * polls the replica, and reports from each message's 250 to its visibility on the replica.
 */
final class LagRun {
    private static final long LATE_NANOS = 5_000_000L;

    private final InetSocketAddress lmtp;
    private final SlotAdminClient master;
    private final String channel;
    private final ReplicaSession replica;
    private final Inboxes inboxes;

    /**
     * @param master the master's admin API (drain, and its own view of the channel's lag)
     * @param channel the master's channel to the watched replica
     * @param replica a session to the watched replica's sync server
     */
    LagRun(InetSocketAddress lmtp, SlotAdminClient master, String channel, ReplicaSession replica, Inboxes inboxes) {
        this.lmtp = lmtp;
        this.master = master;
        this.channel = channel;
        this.replica = replica;
        this.inboxes = inboxes;
    }

    LagResult run(LagPlan plan) throws IOException, InterruptedException {
        if (!master.drain(Duration.ofMinutes(2)).drained())
            throw new IOException("the master's channels did not drain within 2 minutes before the run");
        List<MailboxState> start = inboxes.states(replica);
        String runId = HexFormat.of()
                .toHexDigits(ThreadLocalRandom.current().nextLong())
                .substring(0, 10);
        var messages = new MessageFactory(plan.messageSize(), "bench@example.net", runId, 5322);
        int connections = inboxes.ids().size();
        var streams = new ArrayList<AccountStream>(connections);
        long t0 = System.nanoTime() + Duration.ofSeconds(1).toNanos(); // after every connection is up
        for (int k = 0; k < connections; k++) {
            int count = (plan.total() - k + connections - 1) / connections;
            long[] at = new long[Math.max(0, count)];
            for (int j = 0; j < at.length; j++) at[j] = t0 + ((long) j * connections + k) * plan.periodNanos();
            streams.add(new AccountStream(
                    inboxes.addresses().get(k),
                    inboxes.ids().get(k),
                    start.get(k).uidNext(),
                    at,
                    messages,
                    k * 1_000_000_000L));
        }
        String loadBefore = LoadAverage.now();
        var watch = new VisibilityWatch(replica, streams, plan.pollInterval());
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            var connecting = new ArrayList<Future<?>>();
            for (AccountStream s : streams)
                connecting.add(senders.submit(() -> {
                    s.connect(lmtp, plan.replyTimeout());
                    return null;
                }));
            awaitAll(connecting, "connecting over LMTP");
            if (System.nanoTime() > t0) throw new IOException("connecting took longer than a second");
            var watchFailure = new AtomicReference<Throwable>();
            Thread watcher = Thread.ofPlatform().name("visibility-watch").start(() -> {
                try {
                    watch.run();
                } catch (IOException | RuntimeException e) {
                    watchFailure.set(e);
                }
            });
            var sending = new ArrayList<Future<?>>();
            for (AccountStream s : streams)
                sending.add(senders.submit(() -> {
                    s.run();
                    return null;
                }));
            boolean delivered = false;
            try {
                awaitAll(sending, "delivering");
                delivered = true;
            } finally {
                // A refused message is never seen: after a failure there is nothing to wait for.
                watch.sendersDone(delivered ? plan.patience() : Duration.ZERO);
                watcher.join();
            }
            Throwable failure = watchFailure.get();
            if (failure != null) throw new IOException("watching the replica: " + failure.getMessage(), failure);
        }
        String loadAfter = LoadAverage.now();
        long measuredFrom = t0 + plan.warmup().toNanos();
        var lag = new LatencyLog();
        var replies = new LatencyLog();
        int unseen = 0, late = 0;
        long maxLate = 0;
        for (AccountStream s : streams) {
            for (int j = 0; j < s.size(); j++) {
                if (s.scheduled[j] < measuredFrom) continue;
                replies.add(s.repliedAt[j] - s.sentAt[j]);
                long lateBy = s.sentAt[j] - s.scheduled[j];
                if (lateBy > LATE_NANOS) late++;
                maxLate = Math.max(maxLate, lateBy);
                if (s.visibleAt[j] == 0) unseen++;
                else lag.add(s.visibleAt[j] - s.repliedAt[j]);
            }
        }
        ChannelStatus status = master.status().channels().stream()
                .filter(c -> c.name().equals(channel))
                .findFirst()
                .orElse(null);
        return new LagResult(
                channel,
                plan,
                connections,
                new Percentiles(lag.toArray()),
                new Percentiles(replies.toArray()),
                unseen,
                late,
                maxLate / 1e6,
                new Percentiles(watch.roundTrips()),
                status == null || status.lagP50Millis() == null ? -1 : status.lagP50Millis(),
                status == null || status.lagP99Millis() == null ? -1 : status.lagP99Millis(),
                loadBefore,
                loadAfter);
    }

    private static void awaitAll(List<? extends Future<?>> futures, String what)
            throws IOException, InterruptedException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                for (Future<?> other : futures) other.cancel(true);
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) throw new IOException(what + ": " + io.getMessage(), io);
                throw new IOException(what + " failed: " + cause, cause);
            }
        }
    }
}
