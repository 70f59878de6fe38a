package org.slotmail.imap.syntax;

import java.io.IOException;

/** GETQUOTAROOT mailbox (RFC 9208 §4.3). */
public record GetQuotaRoot(String mailbox) implements Command {
    static GetQuotaRoot parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        return new GetQuotaRoot(in.astring());
    }
}
