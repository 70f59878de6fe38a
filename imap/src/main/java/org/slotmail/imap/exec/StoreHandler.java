package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.ArrayList;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Store;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.StoreResult;
import org.slotmail.mailbox.UidSet;

/** [UID] STORE (RFC 9051 §6.4.6) with UNCHANGEDSINCE and MODIFIED (RFC 7162 §3.1.3). */
final class StoreHandler {
    private StoreHandler() {}

    static Completion run(Store command, Session s) throws IOException {
        SelectedMailbox selected = s.selected();
        if (selected.readOnly()) return Completion.no("READ-ONLY", "mailbox is read-only");
        Flags flags;
        try {
            flags = FlagNames.parse(command.flags());
        } catch (IllegalArgumentException e) {
            return Completion.bad(e.getMessage());
        }
        UidSet uids;
        try {
            uids = selected.uidsOf(command.set(), command.uid());
        } catch (SelectedMailbox.BadSequence e) {
            return Completion.bad(e.getMessage());
        }
        if (command.unchangedSince().isPresent()) s.enableCondstore();
        if (uids.isEmpty()) return Completion.ok("STORE completed");
        StoreResult result =
                selected.mailbox().store(uids, new FlagUpdate(command.mode(), flags), command.unchangedSince());
        var options = s.syncOptions(false, command.uid());
        for (MessageRecord r : result.records()) {
            int seq = selected.seqOf(r.uid());
            if (seq == 0) continue;
            selected.reported(r.uid(), r.modSeq());
            if (!command.silent()) {
                selected.writeFlags(s.out(), seq, r, options);
            } else if (command.unchangedSince().isPresent()) {
                // RFC 7162 §3.1.3: with UNCHANGEDSINCE the new MODSEQ is reported even when silent.
                s.out().raw("* ").number(seq).raw(" FETCH (");
                if (options.uidInFetch()) s.out().raw("UID ").number(r.uid()).sp();
                s.out().raw("MODSEQ (").number(r.modSeq()).raw("))").end();
            }
        }
        if (!result.modifiedSince().isEmpty()) {
            var numbers = new ArrayList<Long>();
            for (long uid : result.modifiedSince()) {
                if (command.uid()) numbers.add(uid);
                else if (selected.seqOf(uid) > 0) numbers.add((long) selected.seqOf(uid));
            }
            return Completion.ok("MODIFIED " + UidSet.of(numbers), "some messages were modified since");
        }
        return Completion.ok("STORE completed");
    }
}
