package org.slotmail.bench.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slotmail.bench.Delivery;
import org.slotmail.bench.LmtpClient;
import org.slotmail.bench.MessageFactory;
import org.slotmail.mailbox.MailboxId;

/**
 * One LMTP connection delivering to one account at fixed times (open loop: a late reply delays
 * this connection's next message, never the schedule itself). Each message waits for its 250
 * before the next goes out, and nothing else delivers to the account, so the account's INBOX gives
 * message {@code j} the UID {@code firstUid + j}: a replica whose UIDNEXT passed that UID shows it.
 *
 * <p>Times are {@link System#nanoTime()}. The sending thread writes {@link #sentAt} and {@link
 * #repliedAt}, the watching thread {@link #visibleAt}; they are read after both threads ended.
 */
final class AccountStream {
    final String recipient;
    final MailboxId inbox;
    final long firstUid;
    /** When each message is due to go out. */
    final long[] scheduled;

    final long[] sentAt;
    final long[] repliedAt;
    final long[] visibleAt;
    /** Messages whose transaction has begun; only these can have UIDs. */
    private final AtomicInteger begun = new AtomicInteger();
    /** Messages seen on the replica so far; the watcher's own count. */
    int seen;

    private final MessageFactory messages;
    private final long firstSequence;
    private LmtpClient client;

    AccountStream(
            String recipient,
            MailboxId inbox,
            long firstUid,
            long[] scheduled,
            MessageFactory messages,
            long firstSeq) {
        this.recipient = recipient;
        this.inbox = inbox;
        this.firstUid = firstUid;
        this.scheduled = scheduled.clone();
        this.sentAt = new long[scheduled.length];
        this.repliedAt = new long[scheduled.length];
        this.visibleAt = new long[scheduled.length];
        this.messages = messages;
        this.firstSequence = firstSeq;
    }

    int size() {
        return scheduled.length;
    }

    int begun() {
        return begun.get();
    }

    /** Connects and says LHLO, before the clock starts. */
    void connect(InetSocketAddress lmtp, Duration timeout) throws IOException {
        client = LmtpClient.connect(lmtp, "bench@example.net", timeout, true);
    }

    /** Sends every message at its time; throws on the first that is not accepted (the UIDs would no longer follow). */
    void run() throws IOException {
        List<String> to = List.of(recipient);
        try (LmtpClient c = client) {
            for (int j = 0; j < scheduled.length; j++) {
                byte[] message = messages.create(firstSequence + j, to);
                for (long wait = scheduled[j] - System.nanoTime(); wait > 0; wait = scheduled[j] - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                begin(j);
                Delivery delivery = c.deliver(message, to);
                repliedAt[j] = System.nanoTime();
                if (!delivery.failures().isEmpty()) {
                    throw new IOException("message " + j + " to " + recipient + " refused: " + delivery.failures());
                }
            }
        }
    }

    /** Message {@code j} goes out now: from here on it may have a UID. */
    void begin(int j) {
        sentAt[j] = System.nanoTime();
        begun.set(j + 1);
    }

    /** The replica's UIDNEXT for this INBOX says which messages it holds: marks them visible at {@code now}. */
    void visibleBelow(long uidNext, long now) {
        long held = Math.min(uidNext - firstUid, begun.get());
        for (int j = seen; j < held; j++) visibleAt[j] = now;
        if (held > seen) seen = (int) held;
    }

    /** Whether a message has begun that the replica was not yet seen to hold. */
    boolean outstanding() {
        return begun.get() > seen;
    }
}
