package org.slotmail.pop3.exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slotmail.pop3.session.Session;
import org.slotmail.pop3.session.Status;

/** CAPA (RFC 2449 §5): what this server offers now, which depends on the state and on TLS. */
final class CapaHandler {
    private CapaHandler() {}

    static Status capa(Session s) throws IOException {
        s.out().ok("capability list follows");
        for (String capability : capabilities(s)) s.out().line(capability);
        s.out().end();
        return Status.SENT;
    }

    static List<String> capabilities(Session s) {
        var caps = new ArrayList<>(List.of("TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING"));
        // RFC 2449 §6.7: messages are never deleted by the server on its own.
        caps.add("EXPIRE NEVER");
        if (s.state() == Session.State.AUTHORIZATION && s.plaintextAuthAllowed()) {
            caps.add("USER");
            caps.add("SASL " + String.join(" ", LoginHandler.MECHANISMS));
        }
        if (s.tlsAvailable()) caps.add("STLS");
        caps.add("IMPLEMENTATION Slotmail");
        return caps;
    }
}
