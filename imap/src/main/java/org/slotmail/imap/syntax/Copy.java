package org.slotmail.imap.syntax;

import java.io.IOException;

/** [UID] COPY set mailbox (RFC 9051 §6.4.7). */
public record Copy(boolean uid, SequenceSet set, String mailbox) implements Command {
    static Copy parse(ImapInput in, boolean uid) throws SyntaxException, IOException {
        in.sp();
        SequenceSet set = SequenceSet.parse(in);
        in.sp();
        return new Copy(uid, set, in.astring());
    }
}
