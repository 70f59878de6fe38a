package org.slotmail.imap.response;

import java.io.IOException;
import org.slotmail.mailbox.Flags;

/** Writes a message's flags as an IMAP flag list, {@code (\Seen $Junk)}. */
public final class FlagList {
    private static final int[] BITS = {Flags.SEEN, Flags.ANSWERED, Flags.FLAGGED, Flags.DELETED, Flags.DRAFT};
    private static final String[] NAMES = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};

    private FlagList() {}

    public static void write(ResponseWriter out, Flags flags, boolean recent) throws IOException {
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
