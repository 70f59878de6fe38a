package org.slotmail.imap.exec;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Sort;
import org.slotmail.mail.Envelope;
import org.slotmail.mail.search.SentDate;
import org.slotmail.mail.sort.SortKeys;
import org.slotmail.mailbox.MessageRecord;

/**
 * [UID] SORT (RFC 5256 §3, DISPLAYFROM/DISPLAYTO RFC 5957): search, then order by the criteria
 * from the envelopes cached at delivery; ties go by sequence number. Strings compare with
 * i;ascii-casemap.
 */
final class SortHandler {
    private SortHandler() {}

    /** What one message is sorted by. */
    private record Keyed(MessageRecord record, int seq, Envelope envelope, Instant sent) {}

    static Completion run(Sort command, Session s) throws IOException {
        if (command.returns().isPresent()) return Completion.bad("SORT RETURN (ESORT) is not supported");
        SelectedMailbox selected = s.selected();
        List<MessageRecord> found;
        try {
            found = new SearchEvaluator(selected, !s.rev2()).search(command.key());
        } catch (SelectedMailbox.BadSequence e) {
            return Completion.bad(e.getMessage());
        }
        var keyed = new ArrayList<Keyed>(found.size());
        for (MessageRecord r : found) {
            Envelope envelope = selected.mailbox().summary(r.uid()).envelope();
            OffsetDateTime date = SentDate.parse(envelope.date());
            // RFC 5256 §2.2: a sent date that cannot be read is the internal date.
            Instant sent = date == null ? r.internalDate() : date.toInstant();
            keyed.add(new Keyed(r, selected.seqOf(r.uid()), envelope, sent));
        }
        Comparator<Keyed> order = null;
        for (Sort.Criterion c : command.criteria()) {
            Comparator<Keyed> next = comparator(c.key());
            if (c.reverse()) next = next.reversed();
            order = order == null ? next : order.thenComparing(next);
        }
        order = order.thenComparingInt(Keyed::seq);
        keyed.sort(order);
        var out = s.out();
        out.raw("* SORT");
        for (Keyed k : keyed) out.sp().number(command.uid() ? k.record().uid() : k.seq());
        out.end();
        return Completion.ok("SORT completed");
    }

    private static Comparator<Keyed> comparator(String key) {
        return switch (key) {
            case "ARRIVAL" -> Comparator.comparing(k -> k.record().internalDate());
            case "DATE" -> Comparator.comparing(Keyed::sent);
            case "SIZE" -> Comparator.comparingLong(k -> k.record().size());
            case "FROM" -> text(k -> SortKeys.from(k.envelope()));
            case "TO" -> text(k -> SortKeys.to(k.envelope()));
            case "CC" -> text(k -> SortKeys.cc(k.envelope()));
            case "DISPLAYFROM" -> text(k -> SortKeys.displayFrom(k.envelope()));
            case "DISPLAYTO" -> text(k -> SortKeys.displayTo(k.envelope()));
            case "SUBJECT" -> text(k -> SortKeys.subject(k.envelope()).text());
            default -> throw new IllegalArgumentException("unknown sort key " + key);
        };
    }

    private static Comparator<Keyed> text(java.util.function.Function<Keyed, String> key) {
        return Comparator.comparing(
                k -> {
                    String v = key.apply(k);
                    return v == null ? "" : v;
                },
                SortKeys.ASCII_CASEMAP);
    }
}
