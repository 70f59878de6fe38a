package org.slotmail.pop3.exec;

import org.slotmail.mailbox.MailboxException;
import org.slotmail.pop3.session.Status;

/**
 * Maps mailbox errors onto -ERR with RFC 3206 codes: SYS/TEMP where trying again later can help,
 * SYS/PERM where it cannot.
 */
final class Errors {
    private Errors() {}

    static Status of(MailboxException e) {
        return switch (e.reason()) {
            case UNAVAILABLE, STORAGE_FAILURE -> Status.err("SYS/TEMP", "cannot do that now, try again later");
            case CORRUPTED -> Status.err("SYS/PERM", "stored data is damaged and is not served");
            case NONEXISTENT -> Status.err("SYS/PERM", "no longer exists");
            case ALREADY_EXISTS, INVALID_NAME, CANNOT, OVER_QUOTA, LIMIT -> Status.err("SYS/PERM", e.getMessage());
        };
    }
}
