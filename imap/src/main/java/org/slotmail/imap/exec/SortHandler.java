package org.slotmail.imap.exec;

import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Sort;

/** [UID] SORT (RFC 5256 §3). */
final class SortHandler {
    private SortHandler() {}

    static Completion run(Sort command, Session s) {
        return Completion.no("CANNOT", "SORT is not available yet");
    }
}
