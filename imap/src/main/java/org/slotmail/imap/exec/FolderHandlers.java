package org.slotmail.imap.exec;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Create;
import org.slotmail.imap.syntax.Delete;
import org.slotmail.imap.syntax.Rename;
import org.slotmail.imap.syntax.Subscribe;
import org.slotmail.imap.syntax.Unsubscribe;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.SpecialUse;

/** CREATE, DELETE, RENAME, SUBSCRIBE and UNSUBSCRIBE (RFC 9051 §6.3.4-8, RFC 6154 §3). */
final class FolderHandlers {
    private FolderHandlers() {}

    static Completion create(Create command, Session s) {
        String wire = command.mailbox();
        // RFC 9051 §6.3.4: a trailing separator only says the client means to create children.
        if (wire.endsWith("/") && wire.length() > 1) wire = wire.substring(0, wire.length() - 1);
        MailboxName name = s.mailboxName(wire);
        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
        for (String attribute : command.specialUse()) {
            Optional<SpecialUse> use = SpecialUse.fromAttribute(attribute);
            if (use.isEmpty()) return Completion.no("USEATTR", "unsupported special-use attribute " + attribute);
            uses.add(use.get());
        }
        if (name.isInbox()) return Completion.no("ALREADYEXISTS", "INBOX always exists");
        s.mail().create(name, uses);
        return Completion.ok("CREATE completed");
    }

    static Completion delete(Delete command, Session s) {
        MailboxName name = s.mailboxName(command.mailbox());
        if (s.selected() != null
                && s.mail()
                        .find(name)
                        .map(i -> i.id().equals(s.selected().mailbox().id()))
                        .orElse(false)) {
            // Deleting the selected mailbox: the session leaves it first, as Dovecot and Cyrus do.
            s.unselect();
        }
        s.mail().delete(name);
        return Completion.ok("DELETE completed");
    }

    static Completion rename(Rename command, Session s) {
        s.mail().rename(s.mailboxName(command.from()), s.mailboxName(command.to()));
        return Completion.ok("RENAME completed");
    }

    static Completion subscribe(Subscribe command, Session s) {
        MailboxName name = s.mailboxName(command.mailbox());
        if (s.mail().find(name).isEmpty())
            throw new MailboxException(MailboxException.Reason.NONEXISTENT, "no mailbox " + name);
        s.mail().subscribe(name);
        return Completion.ok("SUBSCRIBE completed");
    }

    static Completion unsubscribe(Unsubscribe command, Session s) {
        s.mail().unsubscribe(s.mailboxName(command.mailbox()));
        return Completion.ok("UNSUBSCRIBE completed");
    }
}
