package org.slotmail.bench.replication;

import java.util.Locale;

/**
 * What one lag measurement found, as one {@code replication-lag key=value ...} line.
 *
 * @param lag from each measured message's 250 on the master to its visibility on the replica
 * @param replies from sending each measured message to its 250
 * @param unseen measured messages the replica was never seen to hold (within the patience)
 * @param lateSends measured messages sent more than 5 ms after their time (the connection was
 *     still waiting for the previous 250): the load was then below the rate
 * @param pollRoundTrips the watcher's requests to the replica, which bound how late it sees a message
 * @param masterLagP50 the master's own p50 for the channel (queueing to confirmation), or -1
 */
record LagResult(
        String replica,
        LagPlan plan,
        int connections,
        Percentiles lag,
        Percentiles replies,
        int unseen,
        int lateSends,
        double maxLateMillis,
        Percentiles pollRoundTrips,
        long masterLagP50,
        long masterLagP99,
        String loadBefore,
        String loadAfter) {

    String line() {
        return String.format(
                Locale.ROOT,
                "replication-lag replica=%s rate=%d seconds=%d warmup_seconds=%d connections=%d size=%d measured=%d"
                        + " unseen=%d lag_p50_ms=%.2f lag_p90_ms=%.2f lag_p99_ms=%.2f lag_p999_ms=%.2f lag_max_ms=%.2f"
                        + " lag_min_ms=%.2f lag_over_50ms=%d reply_p50_ms=%.2f reply_p99_ms=%.2f late_sends=%d"
                        + " max_late_ms=%.1f polls=%d poll_rtt_p50_ms=%.3f poll_rtt_p99_ms=%.3f master_lag_p50_ms=%d"
                        + " master_lag_p99_ms=%d load_before=%s load_after=%s",
                replica,
                plan.rate(),
                plan.measured().toSeconds(),
                plan.warmup().toSeconds(),
                connections,
                plan.messageSize(),
                lag.count() + unseen,
                unseen,
                lag.millis(50),
                lag.millis(90),
                lag.millis(99),
                lag.millis(99.9),
                lag.maxMillis(),
                lag.minMillis(),
                lag.above(50_000_000L),
                replies.millis(50),
                replies.millis(99),
                lateSends,
                maxLateMillis,
                pollRoundTrips.count(),
                pollRoundTrips.millis(50),
                pollRoundTrips.millis(99),
                masterLagP50,
                masterLagP99,
                loadBefore,
                loadAfter);
    }
}
