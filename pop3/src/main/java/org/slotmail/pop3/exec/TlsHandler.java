package org.slotmail.pop3.exec;

import java.io.IOException;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;

/**
 * STLS (RFC 2595 §4). The {@code +OK} is sent by the connection itself, right before the
 * handshake. When the client already sent more after STLS, those plain-text bytes would otherwise
 * be read as if they had come through TLS (CVE-2011-0411): STLS is then refused and the session
 * stays in plain text.
 */
final class TlsHandler {
    private TlsHandler() {}

    static Status stls(Session s) throws IOException {
        if (s.settings().tls() == null) return Status.err(null, "STLS is not available on this listener");
        if (s.secure()) return Status.bad("TLS is already active");
        try {
            s.connection().startTls(s.settings().tls(), "+OK begin TLS negotiation");
        } catch (IllegalStateException e) {
            return Status.bad("STLS must be the last command the client sends before the reply");
        }
        // Nothing said before the handshake counts after it (RFC 2595 §4: discard what was known).
        s.pendingUser(null);
        return Status.SENT;
    }
}
