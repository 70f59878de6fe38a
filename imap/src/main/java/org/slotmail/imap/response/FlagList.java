package org.slotmail.imap.response;

import java.io.IOException;
import org.slotmail.mailbox.Flags;

/** Writes a message's flags as an IMAP flag list, {@code (\Seen $Junk)}. */
public final class FlagList {
    private static final int[] BITS = {Flags.SEEN, Flags.ANSWERED, Flags.FLAGGED, Flags.DELETED, Flags.DRAFT};
    private static final String[] NAMES = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};

    // The flag list of every combination of system flags, with and without \Recent: most
    // messages have no keywords, and a FETCH of 100,000 flags then writes one piece per message.
    private static final String[] SYSTEM_ONLY = new String[64];

    static {
        for (int bits = 0; bits < 32; bits++) {
            var names = new java.util.ArrayList<String>();
            for (int i = 0; i < BITS.length; i++) if ((bits & BITS[i]) != 0) names.add(NAMES[i]);
            SYSTEM_ONLY[bits] = "(" + String.join(" ", names) + ")";
            names.add("\\Recent");
            SYSTEM_ONLY[32 + bits] = "(" + String.join(" ", names) + ")";
        }
    }

    private FlagList() {}

    public static void write(ResponseWriter out, Flags flags, boolean recent) throws IOException {
        if (flags.keywords().isEmpty()) {
            out.raw(SYSTEM_ONLY[(recent ? 32 : 0) + flags.system()]);
            return;
        }
        out.raw("(");
        boolean first = true;
        for (int i = 0; i < BITS.length; i++) {
            if (!flags.has(BITS[i])) continue;
            if (!first) out.raw(" ");
            out.raw(NAMES[i]);
            first = false;
        }
        if (!flags.keywords().isEmpty())
            for (String keyword : flags.keywords()) {
                if (!first) out.raw(" ");
                out.raw(keyword);
                first = false;
            }
        if (recent) out.raw(first ? "\\Recent" : " \\Recent");
        out.raw(")");
    }
}
