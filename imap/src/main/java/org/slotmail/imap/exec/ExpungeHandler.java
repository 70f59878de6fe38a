package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.SelectedMailbox;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Expunge;
import org.slotmail.mailbox.UidSet;

/** EXPUNGE, UID EXPUNGE (RFC 4315), CLOSE and UNSELECT (RFC 9051 §6.4.2-3). */
final class ExpungeHandler {
    private ExpungeHandler() {}

    static Completion expunge(Expunge command, Session s) throws IOException {
        SelectedMailbox selected = s.selected();
        if (selected.readOnly()) return Completion.no("READ-ONLY", "mailbox is read-only");
        Optional<UidSet> only = Optional.empty();
        if (command.uids().isPresent()) {
            try {
                only = Optional.of(selected.uidsOf(command.uids().get(), true));
            } catch (SelectedMailbox.BadSequence e) {
                return Completion.bad(e.getMessage());
            }
        }
        List<Long> gone = selected.mailbox().expunge(only);
        selected.expunged(s.out(), gone, s.syncOptions(true, command.uids().isPresent()));
        return Completion.ok("EXPUNGE completed");
    }

    /** CLOSE expunges silently when read-write, then leaves the mailbox. */
    static Completion close(Session s) {
        SelectedMailbox selected = s.selected();
        if (!selected.readOnly()) selected.mailbox().expunge(Optional.empty());
        s.unselect();
        return Completion.ok("CLOSE completed");
    }

    static Completion unselect(Session s) {
        s.unselect();
        return Completion.ok("UNSELECT completed");
    }
}
