package org.slotmail.imap.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slotmail.mailbox.MailboxId;

/**
 * Which messages are still \Recent (IMAP4rev1, RFC 3501 §2.3.2): a message is recent in exactly
 * one session, the first that sees it with the mailbox selected read-write. Kept per server process:
 * after a restart, messages that arrived since the last claim are recent once more, which RFC 3501
 * tolerates; IMAP4rev2 dropped \Recent altogether.
 */
public final class RecentTracker {
    private final ConcurrentMap<MailboxId, Long> claimedThrough = new ConcurrentHashMap<>();

    /**
     * Claims every UID up to {@code lastUid} for the caller and returns the highest UID that some
     * session had claimed before: the caller's recent messages are those above it.
     */
    public long claim(MailboxId mailbox, long lastUid) {
        long[] previous = {0};
        claimedThrough.compute(mailbox, (id, old) -> {
            long before = old == null ? 0 : old;
            previous[0] = before;
            return Math.max(before, lastUid);
        });
        return previous[0];
    }

    /** The highest claimed UID, without claiming (EXAMINE and STATUS RECENT). */
    public long claimed(MailboxId mailbox) {
        return claimedThrough.getOrDefault(mailbox, 0L);
    }
}
