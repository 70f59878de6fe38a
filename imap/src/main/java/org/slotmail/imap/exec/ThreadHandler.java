package org.slotmail.imap.exec;

import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;

/** [UID] THREAD (RFC 5256 §3). */
final class ThreadHandler {
    private ThreadHandler() {}

    static Completion run(org.slotmail.imap.syntax.Thread command, Session s) {
        return Completion.no("CANNOT", "THREAD is not available yet");
    }
}
