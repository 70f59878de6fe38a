package org.slotmail.sync.client;

import java.util.Arrays;

/**
 * Replication lag of the last confirmed entries (milliseconds from queueing on the master to the
 * replica's confirmation), kept in a ring of the last {@value #SAMPLES}: enough for percentiles
 * an operator can trust, small enough to copy on every status request.
 */
final class LagStats {
    static final int SAMPLES = 4096;
    private final long[] ring = new long[SAMPLES];
    private int next;
    private int count;
    private long total;
    private long last = -1;

    synchronized void record(long lagMillis) {
        long lag = Math.max(0, lagMillis);
        ring[next] = lag;
        next = (next + 1) % SAMPLES;
        count = Math.min(SAMPLES, count + 1);
        total++;
        last = lag;
    }

    synchronized ReplicationLag snapshot() {
        if (count == 0) return new ReplicationLag(-1, 0, 0, 0, 0, 0);
        long[] sorted = Arrays.copyOf(ring, count);
        Arrays.sort(sorted);
        return new ReplicationLag(
                last, pick(sorted, 0.50), pick(sorted, 0.90), pick(sorted, 0.99), sorted[count - 1], total);
    }

    private static long pick(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
