package org.slotmail.bench;

import java.util.Arrays;
import java.util.Locale;

/** The outcome of a run, and its one machine-readable line. */
record LoadResult(
        String label,
        int sessions,
        int size,
        int recipients,
        long messages,
        long elapsedNanos,
        long[] sortedLatenciesNanos,
        long failedReplies,
        int sessionErrors,
        boolean pipelining,
        long clientCpuNanos) {

    static LoadResult of(
            LoadPlan plan,
            String label,
            long elapsedNanos,
            long[] latencies,
            long failed,
            int errors,
            boolean pipelining,
            long clientCpuNanos) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new LoadResult(
                label,
                plan.sessions(),
                plan.factory().size(),
                plan.recipients().size(),
                sorted.length,
                elapsedNanos,
                sorted,
                failed,
                errors,
                pipelining,
                clientCpuNanos);
    }

    boolean clean() {
        return failedReplies == 0 && sessionErrors == 0;
    }

    double seconds() {
        return elapsedNanos / 1e9;
    }

    double messagesPerSecond() {
        return elapsedNanos == 0 ? 0 : messages / seconds();
    }

    /** Nearest-rank percentile of the per-message latencies, in milliseconds. */
    double percentileMillis(double p) {
        if (sortedLatenciesNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sortedLatenciesNanos.length);
        return sortedLatenciesNanos[Math.max(rank, 1) - 1] / 1e6;
    }

    /** {@code key=value} pairs on one line, so run.sh (and anyone's awk) can pick fields by name. */
    String line() {
        return String.format(
                Locale.ROOT,
                "lmtp-load label=%s sessions=%d size=%d recipients=%d messages=%d seconds=%.3f msgs_per_s=%.1f"
                        + " rcpts_per_s=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f failures=%d session_errors=%d"
                        + " pipelining=%s client_cpu_us_per_msg=%.0f",
                label.isBlank() ? "-" : label.replace(' ', '_'),
                sessions,
                size,
                recipients,
                messages,
                seconds(),
                messagesPerSecond(),
                messagesPerSecond() * recipients,
                percentileMillis(50),
                percentileMillis(99),
                percentileMillis(100),
                failedReplies,
                sessionErrors,
                pipelining ? "yes" : "no",
                messages == 0 ? 0 : clientCpuNanos / 1e3 / messages);
    }
}
