package org.slotmail.imap.exec;

import org.slotmail.imap.session.Completion;
import org.slotmail.mailbox.MailboxException;

/** Maps mailbox errors onto tagged NO responses with RFC 5530 response codes. */
final class Errors {
    private Errors() {}

    static Completion of(MailboxException e) {
        String code = switch (e.reason()) {
            case NONEXISTENT -> "NONEXISTENT";
            case ALREADY_EXISTS -> "ALREADYEXISTS";
            case INVALID_NAME, CANNOT -> "CANNOT";
            case OVER_QUOTA -> "OVERQUOTA";
            case LIMIT -> "LIMIT";
            case CORRUPTED -> "CORRUPTION";
            case UNAVAILABLE -> "UNAVAILABLE";
            case STORAGE_FAILURE -> "SERVERBUG";
        };
        return Completion.no(code, e.getMessage());
    }

    /** For APPEND, COPY and MOVE a missing target means the client may create it (RFC 9051 §7.1). */
    static Completion target(MailboxException e) {
        if (e.reason() == MailboxException.Reason.NONEXISTENT) return Completion.no("TRYCREATE", e.getMessage());
        return of(e);
    }
}
