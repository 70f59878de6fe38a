package org.slotmail.imap.exec;

import java.io.IOException;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Compress;

/** STARTTLS (RFC 9051 §6.2.1) and COMPRESS=DEFLATE (RFC 4978). */
final class TlsHandlers {
    private TlsHandlers() {}

    static Completion startTls(Session s) throws IOException {
        return Completion.no("CANNOT", "TLS is not configured on this listener");
    }

    static Completion compress(Compress command, Session s) throws IOException {
        return Completion.no("CANNOT", "compression is not available");
    }
}
