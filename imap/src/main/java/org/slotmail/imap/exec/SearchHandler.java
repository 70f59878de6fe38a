package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Search;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/**
 * [UID] SEARCH (RFC 9051 §6.4.4) with ESEARCH return options MIN, MAX, ALL, COUNT (RFC 4731) and
 * SAVE (RFC 5182). IMAP4rev2 clients always get ESEARCH; IMAP4rev1 clients get SEARCH unless they
 * asked for RETURN.
 */
final class SearchHandler {
    private static final List<String> OPTIONS = List.of("MIN", "MAX", "ALL", "COUNT", "SAVE");

    private SearchHandler() {}

    static Completion run(Search command, Session s) throws IOException {
        List<String> returns = command.returns().orElse(List.of());
        for (String option : returns)
            if (!OPTIONS.contains(option)) return Completion.bad("unknown RETURN option " + option);
        SelectedMailbox selected = s.selected();
        var evaluator = new SearchEvaluator(selected, !s.rev2());
        List<MessageRecord> found;
        try {
            found = evaluator.search(command.key());
        } catch (SelectedMailbox.BadSequence e) {
            return Completion.bad(e.getMessage());
        }
        if (evaluator.usedModSeq()) s.enableCondstore();
        var numbers = new ArrayList<Long>(found.size());
        for (MessageRecord r : found) numbers.add(command.uid() ? r.uid() : selected.seqOf(r.uid()));
        boolean esearch = command.returns().isPresent() || s.rev2();
        // RFC 4731 §3.1: RETURN () means ALL, as does a SEARCH without RETURN.
        List<String> options = returns.isEmpty() ? List.of("ALL") : returns;
        if (options.contains("SAVE")) {
            var uids = new ArrayList<Long>();
            // RFC 5182 §2.4: with MIN or MAX only those are saved.
            if ((options.contains("MIN") || options.contains("MAX"))
                    && !options.contains("ALL")
                    && !options.contains("COUNT")) {
                if (!found.isEmpty()) {
                    if (options.contains("MIN")) uids.add(found.getFirst().uid());
                    if (options.contains("MAX")) uids.add(found.getLast().uid());
                }
            } else for (MessageRecord r : found) uids.add(r.uid());
            selected.saveSearch(uids);
        }
        ResponseWriter out = s.out();
        if (!esearch) {
            out.raw("* SEARCH");
            for (long n : numbers) out.sp().number(n);
            if (evaluator.usedModSeq() && !found.isEmpty())
                out.raw(" (MODSEQ ").number(evaluator.highestModSeq()).raw(")");
            out.end();
            return Completion.ok("SEARCH completed");
        }
        boolean onlySave = options.size() == 1 && options.contains("SAVE");
        if (!onlySave) {
            out.raw("* ESEARCH (TAG ").string(s.currentTag()).raw(")");
            if (command.uid()) out.raw(" UID");
            if (!numbers.isEmpty()) {
                if (options.contains("MIN")) out.raw(" MIN ").number(numbers.getFirst());
                if (options.contains("MAX")) out.raw(" MAX ").number(numbers.getLast());
                if (options.contains("ALL"))
                    out.raw(" ALL ").raw(UidSet.of(numbers).toString());
            }
            if (options.contains("COUNT")) out.raw(" COUNT ").number(numbers.size());
            if (evaluator.usedModSeq() && !found.isEmpty()) out.raw(" MODSEQ ").number(evaluator.highestModSeq());
            out.end();
        }
        return Completion.ok("SEARCH completed");
    }
}
