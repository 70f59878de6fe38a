package org.slotmail.imap.exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Locale;
import org.slotmail.imap.session.Completion;
import org.slotmail.imap.session.Session;
import org.slotmail.imap.syntax.Enable;

/** ENABLE (RFC 5161): IMAP4rev2, CONDSTORE, QRESYNC and UTF8=ACCEPT; others are ignored. */
final class EnableHandler {
    private EnableHandler() {}

    static Completion run(Enable command, Session s) throws IOException {
        var enabled = new ArrayList<String>();
        for (String cap : command.capabilities()) {
            switch (cap.toUpperCase(Locale.ROOT)) {
                case "IMAP4REV2" -> {
                    if (!s.rev2()) enabled.add("IMAP4rev2");
                    s.enableRev2();
                }
                case "CONDSTORE" -> {
                    if (!s.condstore()) enabled.add("CONDSTORE");
                    s.enableCondstore();
                }
                case "QRESYNC" -> {
                    if (!s.qresync()) enabled.add("QRESYNC");
                    s.enableQresync();
                }
                case "UTF8=ACCEPT" -> {
                    enabled.add("UTF8=ACCEPT");
                    s.enableUtf8();
                }
                default -> {
                    // RFC 5161 §3.1: unknown or non-ENABLEable capabilities are silently ignored.
                }
            }
        }
        s.out().untagged(enabled.isEmpty() ? "ENABLED" : "ENABLED " + String.join(" ", enabled));
        return Completion.ok("ENABLE completed");
    }
}
