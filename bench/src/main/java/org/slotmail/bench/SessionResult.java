package org.slotmail.bench;

import java.util.List;

/**
 * What one session did: measured latencies, failed replies (with the first few for the report),
 * the time it finished its last message, whether the server let it pipeline, and the exception
 * that ended it early, if any.
 */
record SessionResult(
        long[] latenciesNanos,
        long failedReplies,
        List<String> failureSamples,
        long finishedNanos,
        boolean pipelined,
        Exception error) {
    SessionResult {
        failureSamples = List.copyOf(failureSamples);
    }
}
