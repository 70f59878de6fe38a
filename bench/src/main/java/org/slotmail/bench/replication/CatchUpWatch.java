package org.slotmail.bench.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.slotmail.slot.api.ChannelStatus;
import org.slotmail.slot.api.SlotAdminClient;
import org.slotmail.sync.client.ReplicaSession;

/**
 * Watches a replica that was just started catch up: when its sync server listens, when the first
 * and the last of the messages it lacked show there (its INBOX states, asked every {@code poll}),
 * and when the master's channel to it is empty (the master's admin API, as often).
 */
final class CatchUpWatch {
    private final SlotAdminClient master;
    private final String channel;
    private final SyncLogin login;
    private final InetSocketAddress replicaSync;
    private final Duration poll;

    CatchUpWatch(
            SlotAdminClient master, String channel, SyncLogin login, InetSocketAddress replicaSync, Duration poll) {
        this.master = master;
        this.channel = channel;
        this.login = login;
        this.replicaSync = replicaSync;
        this.poll = poll;
    }

    /**
     * Watches from {@code start} (a {@link System#nanoTime()} when the replica's process started)
     * until the replica holds {@code target} messages in {@code inboxes} and the channel is empty.
     */
    CatchUpResult run(long start, Inboxes inboxes, long target, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = start + timeout.toNanos();
        Long backlogAtStart = status().backlogEntries();
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
                last = status();
                if (empty == 0 && last.empty()) empty = System.nanoTime();
                if (empty != 0 && allApplied != 0) break;
                if (now > deadline)
                    throw new IOException("not caught up after " + timeout.toSeconds() + " s: the replica holds "
                            + held + " of " + target + " messages, the channel's backlog is "
                            + last.backlogEntries()
                            + (last.lastError() == null ? "" : ", last error: " + last.lastError()));
                Thread.sleep(poll);
            }
            if (firstApplied == 0) firstApplied = allApplied; // it held them all at the first look
            return new CatchUpResult(
                    channel,
                    target - before,
                    backlogAtStart == null ? -1 : backlogAtStart,
                    listening - start,
                    firstApplied - start,
                    allApplied - start,
                    empty - start,
                    last.parked(),
                    LoadAverage.now());
        }
    }

    private ChannelStatus status() throws IOException, InterruptedException {
        return master.status().channels().stream()
                .filter(c -> c.name().equals(channel))
                .findFirst()
                .orElseThrow(() -> new IOException("the master has no channel " + channel));
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
                return login.open(replicaSync);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(10);
            }
        }
    }
}
