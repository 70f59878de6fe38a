package org.slotmail.imap.syntax;

import java.io.IOException;

/** LSUB reference pattern (RFC 3501 §6.3.9; IMAP4rev1 only). */
public record Lsub(String reference, String pattern) implements Command {
    static Lsub parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        String reference = in.astring();
        in.sp();
        return new Lsub(reference, ListMailboxes.pattern(in));
    }
}
