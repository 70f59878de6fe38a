package org.slotmail.imap.exec;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.syntax.SearchKey;
import org.slotmail.mail.search.SentDate;
import org.slotmail.mail.search.TextQuery;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/**
 * Finds the messages of the selected mailbox that match a search key (RFC 9051 §6.4.4). Flags,
 * dates, sizes and sets come from the records; header and text keys read the message, once per
 * message however many keys need it. Correct first: a full-text index comes later.
 */
final class SearchEvaluator {
    private final SelectedMailbox selected;
    private final Mailbox mailbox;
    private final boolean rev1;
    private long highestModSeqSeen;
    private boolean usedModSeq;

    private TextSearch text;
    private final java.util.Map<SearchKey, UidSet> sets = new java.util.IdentityHashMap<>();

    SearchEvaluator(SelectedMailbox selected, boolean rev1) {
        this.selected = selected;
        this.mailbox = selected.mailbox();
        this.rev1 = rev1;
    }

    /** One message being tested, with its text read lazily. */
    private final class Candidate {
        final MessageRecord record;
        final int seq;
        java.util.Set<TextQuery> matched;
        LocalDate sent;
        boolean sentRead;

        Candidate(MessageRecord record, int seq) {
            this.record = record;
            this.seq = seq;
        }

        /** Whether a text key matches; the message is read once, for all text keys together. */
        boolean text(SearchKey key) throws IOException {
            if (matched == null) matched = text.matching(mailbox, record);
            return matched.contains(TextSearch.query(key));
        }

        /** The day of the Date header, from the envelope cached at delivery; null when unreadable. */
        LocalDate sentDate() {
            if (!sentRead) {
                sent = SentDate.parseDate(
                        mailbox.summary(record.uid()).envelope().date());
                sentRead = true;
            }
            return sent;
        }
    }

    /** The records that match, in UID order. */
    List<MessageRecord> search(SearchKey key) throws SelectedMailbox.BadSequence, IOException {
        text = new TextSearch(key);
        var result = new ArrayList<MessageRecord>();
        for (MessageRecord r : mailbox.fetch(UidSet.ALL)) {
            int seq = selected.seqOf(r.uid());
            if (seq == 0) continue; // not yet announced to this client
            if (matches(key, new Candidate(r, seq))) {
                result.add(r);
                highestModSeqSeen = Math.max(highestModSeqSeen, r.modSeq());
            }
        }
        return result;
    }

    /** Whether the search used MODSEQ, and then the highest MODSEQ among the results (RFC 7162 §3.1.5). */
    boolean usedModSeq() {
        return usedModSeq;
    }

    long highestModSeq() {
        return highestModSeqSeen;
    }

    private boolean matches(SearchKey key, Candidate c) throws SelectedMailbox.BadSequence, IOException {
        MessageRecord r = c.record;
        return switch (key) {
            case SearchKey.All a -> true;
            case SearchKey.SystemFlag f -> r.flags().has(f.flag()) == f.set();
            case SearchKey.Keyword k -> r.flags().hasKeyword(k.keyword()) == k.set();
            case SearchKey.Recent rec -> (rev1 && selected.isRecent(r.uid())) == rec.recent();
            case SearchKey.DateKey d -> {
                LocalDate day = d.sent()
                        ? c.sentDate()
                        : r.internalDate().atOffset(ZoneOffset.UTC).toLocalDate();
                yield day != null && compare(day, d.comparison(), d.date());
            }
            case SearchKey.SaveDateKey d ->
                compare(r.saveDate().atOffset(ZoneOffset.UTC).toLocalDate(), d.comparison(), d.date());
            case SearchKey.SaveDateSupported s -> true;
            case SearchKey.Header h -> c.text(h);
            case SearchKey.Body b -> c.text(b);
            case SearchKey.Text t -> c.text(t);
            case SearchKey.Larger l -> r.size() > l.size();
            case SearchKey.Smaller sm -> r.size() < sm.size();
            case SearchKey.Uid u -> resolved(u, u.set(), true).contains(r.uid());
            case SearchKey.Sequence s -> resolved(s, s.set(), false).contains(r.uid());
            case SearchKey.ModSeq m -> {
                usedModSeq = true;
                yield r.modSeq() >= m.modSeq();
            }
            case SearchKey.EmailId e -> r.guid().hex().equals(e.id());
            case SearchKey.ThreadId t -> false;
            case SearchKey.Age a -> {
                Instant cutoff = Instant.now().minusSeconds(a.seconds());
                yield a.older()
                        ? !r.internalDate().isAfter(cutoff)
                        : r.internalDate().isAfter(cutoff);
            }
            case SearchKey.Not n -> !matches(n.key(), c);
            case SearchKey.Or o -> matches(o.left(), c) || matches(o.right(), c);
            case SearchKey.And and -> {
                for (SearchKey k : and.keys()) if (!matches(k, c)) yield false;
                yield true;
            }
        };
    }

    /** A set resolved once per search, not once per message. */
    private UidSet resolved(SearchKey key, org.slotmail.imap.syntax.SequenceSet set, boolean uid)
            throws SelectedMailbox.BadSequence {
        UidSet cached = sets.get(key);
        if (cached == null) {
            cached = selected.uidsOf(set, uid);
            sets.put(key, cached);
        }
        return cached;
    }

    private static boolean compare(LocalDate day, SearchKey.Comparison comparison, LocalDate date) {
        return switch (comparison) {
            case BEFORE -> day.isBefore(date);
            case ON -> day.equals(date);
            case SINCE -> !day.isBefore(date);
        };
    }
}
