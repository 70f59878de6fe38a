package org.slotmail.imap.syntax;

import java.io.IOException;

/** SUBSCRIBE mailbox (RFC 9051 §6.3). */
public record Subscribe(String mailbox) implements Command {
    static Subscribe parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        return new Subscribe(in.astring());
    }
}
