package org.slotmail.imap.exec;

import java.util.ArrayList;
import java.util.List;
import org.slotmail.mailbox.Flags;

/** Flag names from a command into stored flags; \Recent is the server's and is dropped (RFC 9051 §2.3.2). */
final class FlagNames {
    private FlagNames() {}

    /** @throws IllegalArgumentException for an unknown system flag or a bad keyword */
    static Flags parse(List<String> names) {
        var kept = new ArrayList<String>(names.size());
        for (String n : names) if (!n.equalsIgnoreCase("\\Recent")) kept.add(n);
        return Flags.parse(kept);
    }
}
