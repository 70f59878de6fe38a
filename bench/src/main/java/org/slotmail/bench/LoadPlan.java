package org.slotmail.bench;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * What one load run does: where to, over how many sessions, how many measured messages after how
 * many unmeasured warm-up ones, to which recipients, built by which factory; whether to print
 * {@code measuring} to the error stream when the measured part begins.
 */
record LoadPlan(
        InetSocketAddress server,
        int sessions,
        long messageCount,
        long warmupCount,
        String sender,
        List<String> recipients,
        MessageFactory factory,
        boolean pipelining,
        Duration replyTimeout,
        boolean announceMeasuring) {
    LoadPlan {
        recipients = List.copyOf(recipients);
    }
}
