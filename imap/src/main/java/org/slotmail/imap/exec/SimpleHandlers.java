package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.Map;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Id;

/**
 * The commands that take a line each: CAPABILITY, NOOP, CHECK, LOGOUT, ID, NAMESPACE (RFC 9051
 * §6.1, §6.3.10, RFC 2971). NOOP and CHECK do nothing but let the session announce changes.
 */
final class SimpleHandlers {
    private SimpleHandlers() {}

    static Completion capability(Session s) throws IOException {
        s.out().untagged("CAPABILITY " + String.join(" ", s.capabilities()));
        return Completion.ok("CAPABILITY completed");
    }

    static Completion noop() {
        return Completion.ok("NOOP completed");
    }

    static Completion check() {
        return Completion.ok("CHECK completed");
    }

    static Completion logout(Session s) throws IOException {
        s.out().untagged("BYE logging out");
        s.logout();
        return Completion.ok("LOGOUT completed");
    }

    static Completion id(Id command, Session s) throws IOException {
        var out = s.out();
        out.raw("* ID (");
        boolean first = true;
        for (Map.Entry<String, String> e :
                Map.of("name", "Slotmail", "vendor", "Slotmail").entrySet()) {
            if (!first) out.sp();
            out.string(e.getKey()).sp().string(e.getValue());
            first = false;
        }
        out.raw(")").end();
        return Completion.ok("ID completed");
    }

    static Completion namespace(Session s) throws IOException {
        // One personal namespace with "/" as separator; no shared or other users' namespaces.
        s.out().untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return Completion.ok("NAMESPACE completed");
    }
}
