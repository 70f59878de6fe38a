package org.slotmail.imap.syntax;

import java.io.IOException;

/** DELETE mailbox (RFC 9051 §6.3). */
public record Delete(String mailbox) implements Command {
    static Delete parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        return new Delete(in.astring());
    }
}
