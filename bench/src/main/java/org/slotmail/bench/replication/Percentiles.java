package org.slotmail.bench.replication;

import java.util.Arrays;

/** Durations in nanoseconds, sorted once; percentiles by nearest rank, in milliseconds. */
final class Percentiles {
    private final long[] sorted;

    Percentiles(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile ({@code percent} of 100) in milliseconds; NaN when empty. */
    double millis(double percent) {
        if (sorted.length == 0) return Double.NaN;
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)] / 1e6;
    }

    double minMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[0] / 1e6;
    }

    double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }

    /** How many are above {@code nanos}. */
    int above(long nanos) {
        int n = 0;
        for (int i = sorted.length - 1; i >= 0 && sorted[i] > nanos; i--) n++;
        return n;
    }
}
