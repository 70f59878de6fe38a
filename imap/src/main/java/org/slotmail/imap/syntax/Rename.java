package org.slotmail.imap.syntax;

import java.io.IOException;

/** RENAME from to (RFC 9051 §6.3.6). */
public record Rename(String from, String to) implements Command {
    static Rename parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        String from = in.astring();
        in.sp();
        return new Rename(from, in.astring());
    }
}
