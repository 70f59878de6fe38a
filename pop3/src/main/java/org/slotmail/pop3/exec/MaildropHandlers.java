package org.slotmail.pop3.exec;

import java.io.IOException;
import org.slotmail.pop3.session.Maildrop;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;
import org.slotmail.pop3.syntax.Command;

/** STAT, LIST, UIDL, DELE and RSET (RFC 1939 §5, §7): questions about the snapshot, and marks. */
final class MaildropHandlers {
    private MaildropHandlers() {}

    /** RFC 1939 §5: messages marked as deleted are not counted. */
    static Status stat(Session s) {
        Maildrop m = s.maildrop();
        return Status.ok(m.liveCount() + " " + m.liveSize());
    }

    static Status list(Command.ListMessages command, Session s) throws IOException {
        Maildrop drop = s.maildrop();
        if (command.message().isPresent()) {
            return switch (Target.of(command.message().getAsLong(), s)) {
                case Target.Found(var m) -> Status.ok(m.number() + " " + m.size());
                case Target.Missing(var why) -> why;
            };
        }
        s.out().ok(drop.liveCount() + " messages (" + drop.liveSize() + " octets)");
        for (Maildrop.Message m : drop.live()) s.out().line(m.number() + " " + m.size());
        s.out().end();
        return Status.SENT;
    }

    static Status uidl(Command.Uidl command, Session s) throws IOException {
        Maildrop drop = s.maildrop();
        if (command.message().isPresent()) {
            return switch (Target.of(command.message().getAsLong(), s)) {
                case Target.Found(var m) -> Status.ok(m.number() + " " + drop.uniqueId(m));
                case Target.Missing(var why) -> why;
            };
        }
        s.out().ok("unique-id listing follows");
        for (Maildrop.Message m : drop.live()) s.out().line(m.number() + " " + drop.uniqueId(m));
        s.out().end();
        return Status.SENT;
    }

    static Status dele(Command.Dele command, Session s) {
        return switch (Target.of(command.message(), s)) {
            case Target.Found(var m) -> {
                s.maildrop().markDeleted(m);
                yield Status.ok("message " + m.number() + " deleted");
            }
            case Target.Missing(var why) -> why;
        };
    }

    static Status rset(Session s) {
        Maildrop m = s.maildrop();
        m.unmarkAll();
        return Status.ok("maildrop has " + m.liveCount() + " messages (" + m.liveSize() + " octets)");
    }
}
