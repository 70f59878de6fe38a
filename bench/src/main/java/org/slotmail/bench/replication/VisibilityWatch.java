package org.slotmail.bench.replication;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slotmail.bench.LatencyLog;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.sync.client.ReplicaSession;

/**
 * Watches a replica for the streams' messages: asks its sync server for the states of the INBOXes
 * that have messages not yet seen there (GetStates, one round trip), at most once per {@code
 * interval}, and marks every message below the replica's UIDNEXT visible at the time the answer
 * arrived. A message is therefore seen at most one interval plus one round trip after the replica
 * committed it; the round trips are kept to say so. The protocol has no push, so this is polling;
 * while nothing is outstanding it asks nothing.
 */
final class VisibilityWatch {
    private final ReplicaSession replica;
    private final List<AccountStream> streams;
    private final Map<MailboxId, AccountStream> byInbox = new HashMap<>();
    private final long intervalNanos;
    private final LatencyLog roundTrips = new LatencyLog();
    private volatile boolean sendersDone;
    private volatile long deadline = Long.MAX_VALUE;

    VisibilityWatch(ReplicaSession replica, List<AccountStream> streams, Duration interval) {
        this.replica = replica;
        this.streams = List.copyOf(streams);
        for (AccountStream s : streams) byInbox.put(s.inbox, s);
        this.intervalNanos = interval.toNanos();
    }

    /** The senders are done: watch until every begun message is seen, or until {@code patience} has passed. */
    void sendersDone(Duration patience) {
        deadline = System.nanoTime() + patience.toNanos();
        sendersDone = true;
    }

    /** Runs until {@link #sendersDone} and everything is seen (or the patience ran out). */
    void run() throws IOException {
        var asking = new ArrayList<MailboxId>(streams.size());
        long next = System.nanoTime();
        while (System.nanoTime() < deadline) {
            asking.clear();
            for (AccountStream s : streams) if (s.outstanding()) asking.add(s.inbox);
            if (asking.isEmpty()) {
                if (sendersDone) return;
                LockSupport.parkNanos(100_000);
                continue;
            }
            for (long wait = next - System.nanoTime(); wait > 0; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            long asked = System.nanoTime();
            next = asked + intervalNanos;
            List<MailboxState> states = replica.states(asking);
            long now = System.nanoTime();
            roundTrips.add(now - asked);
            for (MailboxState state : states) byInbox.get(state.id()).visibleBelow(state.uidNext(), now);
        }
    }

    /** Round-trip times of the polls, in nanoseconds. */
    long[] roundTrips() {
        return roundTrips.toArray();
    }
}
