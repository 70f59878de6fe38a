package org.slotmail.imap.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slotmail.mailbox.MailboxId;

/**
 * Per-server knowledge shared by sessions: the UID snapshots of selected mailboxes, and which
 * messages are still \Recent (IMAP4rev1, RFC 3501 §2.3.2): a message is recent in exactly
 * one session, the first that sees it with the mailbox selected read-write. Kept per server process:
 * after a restart, messages that arrived since the last claim are recent once more, which RFC 3501
 * tolerates; IMAP4rev2 dropped \Recent altogether.
 */
public final class MailboxViews {
    private final ConcurrentMap<MailboxId, Long> claimedThrough = new ConcurrentHashMap<>();
    private static final int MAX_SNAPSHOTS = 10_000;
    private final ConcurrentMap<MailboxId, UidSnapshot> uidSnapshots = new ConcurrentHashMap<>();

    /** The UIDs of a mailbox as of one HIGHESTMODSEQ, shared by the sessions that select it. */
    private record UidSnapshot(long modSeq, UidMap uids) {}

    /**
     * The mailbox's UIDs as a fresh map: a copy of the shared snapshot when the mailbox has not
     * changed since it was taken, otherwise read from the store (and shared when nothing changed
     * while it was read). Reconnecting clients select the same mailboxes over and over.
     */
    UidMap uids(org.slotmail.mailbox.Mailbox mailbox, long modSeq) {
        UidSnapshot cached = uidSnapshots.get(mailbox.id());
        if (cached != null && cached.modSeq() == modSeq) return cached.uids().copy();
        var map = new UidMap(mailbox.uids());
        // A bound on memory: many accounts' snapshots are simply dropped and read again later.
        if (uidSnapshots.size() > MAX_SNAPSHOTS) uidSnapshots.clear();
        if (mailbox.info().highestModSeq() == modSeq)
            uidSnapshots.put(mailbox.id(), new UidSnapshot(modSeq, map.copy()));
        return map;
    }

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
