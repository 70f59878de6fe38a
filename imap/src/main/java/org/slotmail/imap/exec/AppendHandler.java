package org.slotmail.imap.exec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Append;
import org.slotmail.mailbox.AppendResult;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.UidSet;

/**
 * APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502: all messages or none) and APPENDUID (RFC
 * 4315). The messages were staged while the command was read; here they go into the mailbox.
 */
final class AppendHandler {
    private AppendHandler() {}

    static Completion run(Append command, Session s) {
        try (command) {
            Mailbox mailbox;
            try {
                mailbox = s.mail().open(s.mailboxName(command.mailbox()));
            } catch (MailboxException e) {
                return Errors.target(e);
            }
            var appended = new ArrayList<Long>();
            long uidValidity = 0;
            try {
                for (Append.Message m : command.messages()) {
                    Flags flags = FlagNames.parse(m.flags());
                    Instant date = m.internalDate().map(d -> d.toInstant()).orElseGet(Instant::now);
                    AppendResult result = mailbox.append(m.staged(), flags, date);
                    uidValidity = result.uidValidity();
                    appended.add(result.uid());
                }
            } catch (MailboxException | IllegalArgumentException e) {
                undo(mailbox, appended);
                if (e instanceof MailboxException me) return Errors.target(me);
                return Completion.bad(e.getMessage());
            }
            return Completion.ok("APPENDUID " + uidValidity + " " + UidSet.of(appended), "APPEND completed");
        }
    }

    /** Takes back what a failed MULTIAPPEND already added. */
    private static void undo(Mailbox mailbox, List<Long> uids) {
        if (uids.isEmpty()) return;
        UidSet set = UidSet.of(uids);
        mailbox.store(
                set, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.DELETED)), java.util.OptionalLong.empty());
        mailbox.expunge(java.util.Optional.of(set));
    }
}
