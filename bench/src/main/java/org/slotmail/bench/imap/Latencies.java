package org.slotmail.bench.imap;

import java.util.Arrays;

/** Latencies in nanoseconds, added by one thread, merged afterwards; percentiles by nearest rank. */
final class Latencies {
    private long[] values = new long[1024];
    private int count;

    void add(long nanos) {
        if (count == values.length) values = Arrays.copyOf(values, count * 2);
        values[count++] = nanos;
    }

    int count() {
        return count;
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            for (int i = 0; i < p.count; i++) all.add(p.values[i]);
        }
        Arrays.sort(all.values, 0, all.count);
        return all;
    }

    /** The nearest-rank percentile in milliseconds of a merged (sorted) set; NaN when empty. */
    double percentileMillis(double percent) {
        if (count == 0) return Double.NaN;
        int rank = (int) Math.ceil(percent / 100.0 * count);
        return values[Math.clamp(rank - 1, 0, count - 1)] / 1e6;
    }
}
