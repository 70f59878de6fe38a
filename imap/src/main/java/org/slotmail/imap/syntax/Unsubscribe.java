package org.slotmail.imap.syntax;

import java.io.IOException;

/** UNSUBSCRIBE mailbox (RFC 9051 §6.3). */
public record Unsubscribe(String mailbox) implements Command {
    static Unsubscribe parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        return new Unsubscribe(in.astring());
    }
}
