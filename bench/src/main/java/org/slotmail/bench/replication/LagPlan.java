package org.slotmail.bench.replication;

import java.time.Duration;

/**
 * One lag measurement: deliveries at {@code rate} per second, spread evenly over the connections
 * (one account each), for {@code warmup} unmeasured and then {@code measured}.
 *
 * @param pollInterval how often the watcher asks the replica at most
 * @param patience how long after the last delivery to wait for the replica to show it
 */
record LagPlan(
        int rate,
        Duration warmup,
        Duration measured,
        int messageSize,
        Duration pollInterval,
        Duration patience,
        Duration replyTimeout) {
    LagPlan {
        if (rate < 1) throw new IllegalArgumentException("rate must be positive");
        if (measured.isNegative() || measured.isZero()) throw new IllegalArgumentException("nothing to measure");
        if (warmup.isNegative()) throw new IllegalArgumentException("negative warm-up");
    }

    /** Messages over the whole run, warm-up included. */
    int total() {
        return Math.toIntExact((warmup.toMillis() + measured.toMillis()) * rate / 1000);
    }

    long periodNanos() {
        return 1_000_000_000L / rate;
    }
}
