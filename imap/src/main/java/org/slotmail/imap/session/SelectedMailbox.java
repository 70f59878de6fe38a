package org.slotmail.imap.session;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slotmail.imap.response.FlagList;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.syntax.SequenceSet;
import org.slotmail.mailbox.Changes;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/**
 * A session's view of its selected mailbox: the message sequence numbers it has announced, and
 * the changes it has yet to announce. Other sessions' changes reach the client only at {@link
 * #sync} points, and expunges only where RFC 9051 §7.5.1 allows them, so the client's numbering
 * never shifts under it in the middle of a FETCH, STORE or SEARCH.
 */
public final class SelectedMailbox implements AutoCloseable {
    private final Mailbox mailbox;
    private final boolean readOnly;
    private final AutoCloseable subscription;
    private volatile Runnable onChange = () -> {};
    private final UidMap uids;
    private final TreeSet<Long> pendingExpunges = new TreeSet<>();
    private final Map<Long, Long> reported = new HashMap<>();
    private final List<UidSet.Range> recent = new ArrayList<>();
    private long knownModSeq;
    private final long uidValidity;
    private SequenceSet.Range[] savedSearch;
    private boolean hasSavedSearch;

    SelectedMailbox(Mailbox mailbox, boolean readOnly, MailboxInfo info, UidMap uids, long recentAbove) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        this.uids = uids;
        this.knownModSeq = info.highestModSeq();
        this.uidValidity = info.uidValidity();
        if (uids.size() > 0 && uids.last() > recentAbove) {
            recent.add(new UidSet.Range(recentAbove + 1, uids.last()));
        }
        this.subscription = mailbox.listen(id -> onChange.run());
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return uidValidity;
    }

    /** Runs {@code r} (from the store's commit thread) whenever the mailbox changes; for IDLE. */
    public void onChange(Runnable r) {
        this.onChange = r;
    }

    /** Messages the client knows of, including expunged ones not yet announced. */
    public int exists() {
        return uids.size();
    }

    public long uidAt(int seq) {
        return uids.uidAt(seq);
    }

    /** The sequence number of a UID, or 0 when the client does not know it. */
    public int seqOf(long uid) {
        return uids.seqOf(uid);
    }

    public long lastUid() {
        return uids.last();
    }

    public boolean isRecent(long uid) {
        for (UidSet.Range r : recent) if (uid >= r.first() && uid <= r.last()) return true;
        return false;
    }

    public int recentCount() {
        long n = 0;
        for (UidSet.Range r : recent) {
            // Recent ranges cover claimed UIDs; count those still in the mailbox.
            for (long u = r.first(); u <= r.last(); u++) if (seqOf(u) > 0) n++;
        }
        return (int) n;
    }

    public boolean isPendingExpunge(long uid) {
        return pendingExpunges.contains(uid);
    }

    /** Notes that the client was told this message's state at this MODSEQ (by our own FETCH/STORE). */
    public void reported(long uid, long modSeq) {
        reported.merge(uid, modSeq, Math::max);
    }

    public long knownModSeq() {
        return knownModSeq;
    }

    /**
     * The UIDs a sequence set names: message sequence numbers are mapped through this view, UIDs
     * are taken as they are ({@code *} being the highest UID the client knows). Sequence numbers
     * beyond the last message are an error the caller reports as BAD.
     */
    public UidSet uidsOf(SequenceSet set, boolean uid) throws BadSequence {
        if (set.saved()) {
            if (!hasSavedSearch) return new UidSet(List.of());
            set = new SequenceSet(List.of(savedSearch), false);
            uid = true;
        }
        var ranges = new ArrayList<UidSet.Range>();
        if (uid) {
            long star = exists() == 0 ? 0 : lastUid();
            for (SequenceSet.Range r : set.resolve(star == 0 ? UidSet.MAX_UID : star)) {
                if (r.first() == 0) continue;
                ranges.add(new UidSet.Range(r.first(), Math.min(r.last(), UidSet.MAX_UID)));
            }
            // RFC 9051 §6.4.8: "n:*" with n above every UID still names the last message.
            if (exists() > 0) {
                for (SequenceSet.Range r : set.ranges()) {
                    if ((r.first() == SequenceSet.STAR) != (r.last() == SequenceSet.STAR)) {
                        ranges.add(new UidSet.Range(lastUid(), lastUid()));
                    }
                }
            }
            return new UidSet(ranges);
        }
        int count = exists();
        for (SequenceSet.Range r : set.resolve(count)) {
            if (r.first() < 1 || r.last() > count) throw new BadSequence();
            for (long s = r.first(); s <= r.last(); s++) {
                long u = uids.uidAt((int) s);
                ranges.add(new UidSet.Range(u, u));
            }
        }
        return new UidSet(ranges);
    }

    /** A sequence set naming messages the client does not have. */
    public static final class BadSequence extends Exception {
        public BadSequence() {
            super("invalid message sequence number", null, false, false);
        }
    }

    /** Keeps a SEARCH result for "$" (RFC 5182), as UIDs. */
    public void saveSearch(List<Long> result) {
        var ranges = new ArrayList<SequenceSet.Range>();
        for (long u : result) ranges.add(new SequenceSet.Range(u, u));
        savedSearch = ranges.toArray(SequenceSet.Range[]::new);
        hasSavedSearch = true;
    }

    /** What the client should hear about changes made since the last sync point. */
    public record Options(boolean allowExpunge, boolean qresync, boolean condstore, boolean uidInFetch, boolean rev1) {}

    /**
     * Announces what changed since the last sync point: expunges (as EXPUNGE or VANISHED) when
     * allowed, then new messages (EXISTS, RECENT), then flag changes (FETCH) not yet reported.
     */
    public void sync(ResponseWriter out, Options options, MailboxViews recentTracker) throws IOException {
        MailboxInfo info = mailbox.info();
        if (info.highestModSeq() == knownModSeq && (pendingExpunges.isEmpty() || !options.allowExpunge())) return;
        Changes changes = mailbox.changesSince(knownModSeq);
        for (long uid : changes.vanished()) {
            if (seqOf(uid) > 0) pendingExpunges.add(uid);
        }
        var newUids = new ArrayList<Long>();
        var flagChanges = new ArrayList<MessageRecord>();
        for (MessageRecord r : changes.changed()) {
            if (r.uid() > lastUid()) {
                newUids.add(r.uid());
            } else if (seqOf(r.uid()) > 0 && !pendingExpunges.contains(r.uid())) {
                if (reported.getOrDefault(r.uid(), 0L) < r.modSeq()) flagChanges.add(r);
            }
        }
        knownModSeq = Math.max(knownModSeq, changes.highestModSeq());
        reported.clear();

        if (options.allowExpunge() && !pendingExpunges.isEmpty()) announceExpunges(out, options);
        if (!newUids.isEmpty()) {
            for (long uid : newUids) append(uid);
            out.untagged(exists() + " EXISTS");
            if (options.rev1()) {
                long last = newUids.getLast();
                long before = readOnly ? recentTracker.claimed(mailbox.id()) : recentTracker.claim(mailbox.id(), last);
                if (!readOnly && last > before)
                    recent.add(new UidSet.Range(Math.max(before + 1, newUids.getFirst()), last));
                out.untagged(recentCount() + " RECENT");
            }
        }
        for (MessageRecord r : flagChanges) {
            int seq = seqOf(r.uid());
            if (seq == 0) continue;
            writeFlags(out, seq, r, options);
        }
    }

    /** Writes an unsolicited or STORE-caused {@code * n FETCH (FLAGS ...)}. */
    public void writeFlags(ResponseWriter out, int seq, MessageRecord r, Options options) throws IOException {
        out.raw("* ").number(seq).raw(" FETCH (");
        if (options.uidInFetch()) out.raw("UID ").number(r.uid()).sp();
        out.raw("FLAGS ");
        FlagList.write(out, r.flags(), isRecent(r.uid()) && options.rev1());
        if (options.condstore()) out.raw(" MODSEQ (").number(r.modSeq()).raw(")");
        out.raw(")").end();
    }

    private void announceExpunges(ResponseWriter out, Options options) throws IOException {
        if (options.qresync()) {
            var gone = new ArrayList<Long>(pendingExpunges);
            for (long uid : gone) remove(seqOf(uid));
            out.raw("* VANISHED ").raw(UidSet.of(gone).toString()).end();
        } else {
            // Highest first, so each number is still right when the client has removed the ones before.
            for (long uid : pendingExpunges.descendingSet()) {
                int seq = seqOf(uid);
                if (seq == 0) continue;
                remove(seq);
                out.untagged(seq + " EXPUNGE");
            }
        }
        pendingExpunges.clear();
    }

    /** Removes messages this session expunged itself, announcing them as EXPUNGE or VANISHED. */
    public void expunged(ResponseWriter out, List<Long> gone, Options options) throws IOException {
        for (long uid : gone) if (seqOf(uid) > 0) pendingExpunges.add(uid);
        if (options.allowExpunge()) announceExpunges(out, options);
    }

    private void append(long uid) {
        uids.append(uid);
    }

    private void remove(int seq) {
        uids.remove(seq);
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            // Unsubscribing cannot fail in a way the session could act on.
        }
    }
}
