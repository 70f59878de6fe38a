package org.slotmail.bench;

import java.util.Arrays;

/** Per-message latencies of one session, in nanoseconds; appended without locking (one owner). */
public final class LatencyLog {
    private long[] values = new long[1024];
    private int count;

    public void add(long nanos) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = nanos;
    }

    public long[] toArray() {
        return Arrays.copyOf(values, count);
    }
}
