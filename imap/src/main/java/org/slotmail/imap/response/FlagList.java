package org.slotmail.imap.response;

import java.io.IOException;
import org.slotmail.mailbox.Flags;

/** Writes a message's flags as an IMAP flag list, {@code (\Seen $Junk)}. */
public final class FlagList {
    private FlagList() {}

    public static void write(ResponseWriter out, Flags flags, boolean recent) throws IOException {
        out.raw("(");
        boolean first = true;
        for (String name : flags.names()) {
            if (!first) out.raw(" ");
            out.raw(name);
            first = false;
        }
        if (recent) out.raw(first ? "\\Recent" : " \\Recent");
        out.raw(")");
    }
}
