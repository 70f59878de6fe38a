package org.slotmail.imap.syntax;

import java.io.IOException;

/** GETQUOTA root (RFC 9208 §4.2). */
public record GetQuota(String root) implements Command {
    static GetQuota parse(ImapInput in) throws SyntaxException, IOException {
        in.sp();
        return new GetQuota(in.astring());
    }
}
