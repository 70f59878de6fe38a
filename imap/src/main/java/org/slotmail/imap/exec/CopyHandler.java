package org.slotmail.imap.exec;

import java.io.IOException;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Copy;
import org.slotmail.imap.syntax.Move;
import org.slotmail.imap.syntax.SequenceSet;
import org.slotmail.mailbox.CopyResult;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.UidSet;

/** [UID] COPY (RFC 9051 §6.4.7) and [UID] MOVE (RFC 6851), with COPYUID (RFC 4315). */
final class CopyHandler {
    private CopyHandler() {}

    static Completion copy(Copy command, Session s) throws IOException {
        return transfer(s, command.uid(), command.set(), command.mailbox(), false);
    }

    static Completion move(Move command, Session s) throws IOException {
        if (s.selected().readOnly()) return Completion.no("READ-ONLY", "mailbox is read-only");
        return transfer(s, command.uid(), command.set(), command.mailbox(), true);
    }

    private static Completion transfer(Session s, boolean uid, SequenceSet set, String target, boolean move)
            throws IOException {
        SelectedMailbox selected = s.selected();
        UidSet uids;
        try {
            uids = selected.uidsOf(set, uid);
        } catch (SelectedMailbox.BadSequence e) {
            return Completion.bad(e.getMessage());
        }
        MailboxName targetName = s.mailboxName(target);
        if (s.mail().find(targetName).isEmpty()) return Completion.no("TRYCREATE", "no mailbox " + target);
        if (uids.isEmpty()) return Completion.ok(move ? "MOVE completed" : "COPY completed");
        CopyResult result;
        try {
            result = move
                    ? selected.mailbox().move(uids, targetName)
                    : selected.mailbox().copy(uids, targetName);
        } catch (MailboxException e) {
            return Errors.target(e);
        }
        if (result.sourceUids().isEmpty()) return Completion.ok(move ? "MOVE completed" : "COPY completed");
        String copyUid = "COPYUID " + result.targetUidValidity() + " " + UidSet.of(result.sourceUids()) + " "
                + ordered(result.targetUids());
        if (!move) return Completion.ok(copyUid, "COPY completed");
        // RFC 6851 §4.3: COPYUID goes in an untagged OK before the expunges.
        s.out().untagged("OK [" + copyUid + "] moved");
        selected.expunged(s.out(), result.sourceUids(), s.syncOptions(true, uid));
        return Completion.ok("MOVE completed");
    }

    /** Target UIDs in the order of the source UIDs (RFC 4315 §3: the sets correspond pairwise). */
    private static String ordered(java.util.List<Long> uids) {
        var sb = new StringBuilder();
        for (int i = 0; i < uids.size(); i++) {
            long first = uids.get(i);
            long last = first;
            while (i + 1 < uids.size() && uids.get(i + 1) == last + 1) last = uids.get(++i);
            if (!sb.isEmpty()) sb.append(',');
            sb.append(first);
            if (last != first) sb.append(':').append(last);
        }
        return sb.toString();
    }
}
