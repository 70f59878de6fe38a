package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.List;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Select;
import org.slotmail.mailbox.Changes;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;

/** SELECT and EXAMINE (RFC 9051 §6.3.2-3), with CONDSTORE and QRESYNC (RFC 7162 §3.1.8, §3.2.5). */
final class SelectHandler {
    private static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    private SelectHandler() {}

    static Completion run(Select command, Session s) throws IOException {
        // A failed SELECT leaves no mailbox selected (RFC 9051 §6.3.2).
        s.unselect();
        if (command.qresync().isPresent() && !s.qresync()) return Completion.bad("QRESYNC is not enabled");
        if (command.condstore()) s.enableCondstore();
        MailboxName name = s.mailboxName(command.mailbox());
        Mailbox mailbox;
        try {
            mailbox = s.mail().open(name);
        } catch (MailboxException e) {
            return Errors.of(e);
        }
        // One read of the mailbox's state serves the view and every response below.
        MailboxInfo info = mailbox.info();
        SelectedMailbox selected = s.select(mailbox, info, command.readOnly());
        ResponseWriter out = s.out();
        out.untagged("FLAGS (" + SYSTEM_FLAGS + ")");
        out.untagged("OK [PERMANENTFLAGS (" + (command.readOnly() ? "" : SYSTEM_FLAGS + " \\*") + ")] flags permitted");
        out.untagged(selected.exists() + " EXISTS");
        if (!s.rev2()) {
            out.untagged(selected.recentCount() + " RECENT");
            long firstUnseen = firstUnseen(mailbox, info);
            if (firstUnseen > 0) out.untagged("OK [UNSEEN " + firstUnseen + "] first unseen message");
        }
        out.untagged("OK [UIDVALIDITY " + info.uidValidity() + "] UIDs valid");
        out.untagged("OK [UIDNEXT " + info.uidNext() + "] predicted next UID");
        out.untagged("OK [HIGHESTMODSEQ " + selected.knownModSeq() + "] highest");
        out.untagged("OK [MAILBOXID (" + info.id() + ")] mailbox id");
        if (s.rev2()) {
            out.raw("* LIST () \"/\" ").astring(s.wireName(info.name())).end();
        }
        if (command.qresync().isPresent()) resync(command.qresync().get(), selected, s);
        return Completion.ok(
                command.readOnly() ? "READ-ONLY" : "READ-WRITE",
                command.readOnly() ? "EXAMINE completed" : "SELECT completed");
    }

    /** The sequence number of the first message without \Seen, read in chunks; 0 when all are seen. */
    private static long firstUnseen(Mailbox mailbox, MailboxInfo info) {
        if (info.unseen() == 0) return 0;
        long seq = 1;
        long chunkSize = 64; // the first unseen message is usually near the start or the end
        while (seq <= info.messages()) {
            List<MessageRecord> chunk = mailbox.fetchBySequence(seq, seq + chunkSize - 1);
            chunkSize = Math.min(4096, chunkSize * 4);
            if (chunk.isEmpty()) return 0;
            for (MessageRecord r : chunk) {
                if (!r.flags().has(Flags.SEEN)) return seq;
                seq++;
            }
        }
        return 0;
    }

    /**
     * QRESYNC (RFC 7162 §3.2.5.1): what was expunged since the client's MODSEQ, as VANISHED
     * (EARLIER), then the flags of what changed since, each with its UID and MODSEQ.
     */
    private static void resync(Select.Qresync q, SelectedMailbox selected, Session s) throws IOException {
        if (q.uidValidity() != selected.uidValidity()) return;
        Changes changes = selected.mailbox().changesSince(q.modSeq());
        UidSet known = null;
        if (q.knownUids().isPresent()) {
            try {
                known = selected.uidsOf(q.knownUids().get(), true);
            } catch (SelectedMailbox.BadSequence e) {
                known = null;
            }
        }
        var vanished = new java.util.ArrayList<Long>();
        for (long uid : changes.vanished()) if (known == null || known.contains(uid)) vanished.add(uid);
        if (!vanished.isEmpty())
            s.out()
                    .raw("* VANISHED (EARLIER) ")
                    .raw(UidSet.of(vanished).toString())
                    .end();
        var options = s.syncOptions(false, true);
        for (MessageRecord r : changes.changed()) {
            int seq = selected.seqOf(r.uid());
            if (seq > 0) selected.writeFlags(s.out(), seq, r, options);
        }
    }
}
