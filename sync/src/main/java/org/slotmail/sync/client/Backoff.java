package org.slotmail.sync.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the first delay, doubling on every failure up to a ceiling,
 * each drawn between half and the whole of it so that clients failing together do not retry in
 * step. A success starts over.
 *
 * <p>A refused connection (nothing listens: the replica is down or restarting) is tried again
 * within {@value #REFUSED_CEILING_MILLIS} ms whatever the ceiling: asking costs the other side
 * nothing, and a replica that restarts should not wait up to the ceiling to be caught up (the
 * wait was a sixth of a 100,000-message catch-up, docs/benchmarks.md, "Replication").
 */
final class Backoff {
    static final long REFUSED_CEILING_MILLIS = 1000;

    private final long initialMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration initial, Duration max) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.nextMillis = initialMillis;
    }

    /** The delay before the next try, and doubles the one after. */
    long nextDelayMillis() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    /** The delay after a refused connection: as {@link #nextDelayMillis}, at most about a second. */
    long nextDelayAfterRefusalMillis() {
        long delay = nextDelayMillis();
        long cap = Math.min(delay, REFUSED_CEILING_MILLIS);
        return delay <= cap ? delay : cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    void reset() {
        nextMillis = initialMillis;
    }
}
