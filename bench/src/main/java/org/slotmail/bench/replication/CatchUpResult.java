package org.slotmail.bench.replication;

import java.util.Locale;

/**
 * How a restarted replica caught up, as one {@code replication-catch-up key=value ...} line. Times
 * are nanoseconds from the replica's process start.
 *
 * @param messages messages the master held and the replica lacked when it came back
 * @param backlogEntries the master's queue for the channel when the watch began
 * @param listening when the replica's sync port first accepted a connection
 * @param firstApplied when the replica was first seen to hold more messages than at its start
 * @param allApplied when it was first seen to hold all of them
 * @param empty when the master's channel to it was first seen empty
 */
record CatchUpResult(
        String channel,
        long messages,
        long backlogEntries,
        long listening,
        long firstApplied,
        long allApplied,
        long empty,
        long parked,
        String load) {

    double perSecond() {
        return messages / seconds(empty);
    }

    String line() {
        return String.format(
                Locale.ROOT,
                "replication-catch-up channel=%s messages=%d backlog_entries=%d start_to_listening_s=%.2f"
                        + " listening_to_first_apply_s=%.2f first_to_last_apply_s=%.2f last_apply_to_empty_s=%.2f"
                        + " start_to_empty_s=%.2f per_s=%.0f per_s_from_listening=%.0f parked=%d load_after=%s",
                channel,
                messages,
                backlogEntries,
                seconds(listening),
                seconds(firstApplied - listening),
                seconds(allApplied - firstApplied),
                seconds(Math.max(0, empty - allApplied)),
                seconds(empty),
                perSecond(),
                messages / seconds(empty - listening),
                parked,
                load);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
