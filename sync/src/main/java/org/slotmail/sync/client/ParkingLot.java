package org.slotmail.sync.client;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.record.ChangeEntry;
import org.slotmail.store.replica.ParkedChange;
import org.slotmail.store.replica.ReplicaStore;

/**
 * The changes of one channel set aside because they kept failing: kept durably by the store, here
 * by mailbox or account so the client knows at once whether something it handles is parked, and
 * when each is due for another try (the delay doubling with every failure).
 */
final class ParkingLot {
    private static final Logger log = LoggerFactory.getLogger(ParkingLot.class);

    private final ReplicaStore store;
    private final String channel;
    private final Clock clock;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final int attemptsBeforeParking;
    private final Map<Object, ParkedChange> parked = new LinkedHashMap<>();

    ParkingLot(ReplicaStore store, SyncClientSettings settings, Clock clock) {
        this.store = store;
        this.channel = settings.channel();
        this.clock = clock;
        this.firstRetry = settings.parkedRetry();
        this.maxRetry = settings.maxParkedRetry();
        this.attemptsBeforeParking = settings.attemptsBeforeParking();
        for (ParkedChange p : store.parked(channel)) parked.put(key(p.change()), p);
    }

    /** What a change is about: its mailbox's id, or its account's id. */
    static Object key(ChangeEntry change) {
        return switch (change) {
            case ChangeEntry.MailboxChanged m -> m.mailbox();
            case ChangeEntry.AccountChanged a -> a.accountId();
        };
    }

    static ChangeEntry entryFor(Object key, long now) {
        return switch (key) {
            case MailboxId id -> new ChangeEntry.MailboxChanged(id, now);
            case Long account -> new ChangeEntry.AccountChanged(account, now);
            default -> throw new IllegalArgumentException("not a mailbox or account: " + key);
        };
    }

    synchronized boolean contains(Object key) {
        return parked.containsKey(key);
    }

    synchronized int size() {
        return parked.size();
    }

    synchronized List<ParkedChange> all() {
        return List.copyOf(parked.values());
    }

    /** Sets a change aside (or again, after another failed try), durably, and says so. */
    void park(ChangeEntry change, String reason, int attempts) {
        var p = new ParkedChange(change, reason, clock.millis(), attempts);
        store.park(channel, p);
        synchronized (this) {
            parked.put(key(change), p);
        }
        log.atWarn()
                .setMessage("replication of a change set aside: it keeps failing")
                .addKeyValue("channel", channel)
                .addKeyValue("change", key(change))
                .addKeyValue("attempts", attempts)
                .addKeyValue("reason", reason)
                .log();
    }

    /** Takes a change off the list: it replicated. */
    void unpark(Object key) {
        ParkedChange p;
        synchronized (this) {
            p = parked.remove(key);
        }
        if (p == null) return;
        store.unpark(channel, p.change());
        log.atInfo()
                .setMessage("a change set aside has replicated")
                .addKeyValue("channel", channel)
                .addKeyValue("change", key)
                .log();
    }

    /** The parked changes due for another try now (all of them when {@code all}). */
    synchronized List<ParkedChange> due(boolean all) {
        long now = clock.millis();
        var due = new ArrayList<ParkedChange>();
        for (ParkedChange p : parked.values()) {
            if (all || now >= p.parkedAtMillis() + retryDelay(p.attempts())) due.add(p);
        }
        return due;
    }

    /** Milliseconds until the next parked change is due; Long.MAX_VALUE when none is parked. */
    synchronized long millisUntilDue() {
        long now = clock.millis();
        long soonest = Long.MAX_VALUE;
        for (ParkedChange p : parked.values()) {
            soonest = Math.min(soonest, Math.max(0, p.parkedAtMillis() + retryDelay(p.attempts()) - now));
        }
        return soonest;
    }

    private long retryDelay(int attempts) {
        int doublings = Math.min(20, Math.max(0, attempts - attemptsBeforeParking));
        return Math.min(maxRetry.toMillis(), firstRetry.toMillis() << doublings);
    }
}
