package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.Locale;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Compress;

/**
 * STARTTLS (RFC 9051 §6.2.1) and COMPRESS=DEFLATE (RFC 4978). Both send their tagged OK
 * themselves, since the protocol changes right after its CRLF; both refuse when the client already
 * sent more, which would otherwise cross the switch unprotected.
 */
final class TlsHandlers {
    private TlsHandlers() {}

    static Completion startTls(Session s) throws IOException {
        if (s.settings().tls() == null) return Completion.no("CANNOT", "TLS is not configured on this listener");
        if (s.secure()) return Completion.bad("TLS is already active");
        try {
            s.connection().startTls(s.settings().tls(), s.currentTag() + " OK begin TLS negotiation now");
        } catch (IllegalStateException e) {
            return Completion.bad("STARTTLS must be the last command the client sends before the reply");
        }
        return Completion.SENT;
    }

    static Completion compress(Compress command, Session s) throws IOException {
        if (!command.mechanism().toUpperCase(Locale.ROOT).equals("DEFLATE")) {
            return Completion.bad("unknown compression mechanism " + command.mechanism());
        }
        if (s.compressed()) return Completion.no("COMPRESSIONACTIVE", "compression is already active");
        try {
            s.connection().startCompression(s.currentTag() + " OK DEFLATE active");
        } catch (IllegalStateException e) {
            return Completion.bad("COMPRESS must be the last command the client sends before the reply");
        }
        s.compressionStarted();
        return Completion.SENT;
    }
}
