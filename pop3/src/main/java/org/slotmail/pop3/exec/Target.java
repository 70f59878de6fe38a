package org.slotmail.pop3.exec;

import org.slotmail.pop3.session.Maildrop;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;

/** The message a command's number names, or why it names none (RFC 1939 §5: "no such message"). */
sealed interface Target {
    record Found(Maildrop.Message message) implements Target {}

    record Missing(Status why) implements Target {}

    /** A message of the snapshot that is not marked as deleted. */
    static Target of(long number, Session s) {
        return s.maildrop()
                .find(number)
                .<Target>map(m -> s.maildrop().isDeleted(m)
                        ? new Missing(Status.err(null, "message " + number + " already deleted"))
                        : new Found(m))
                .orElseGet(() -> new Missing(Status.err(null, "no such message")));
    }
}
