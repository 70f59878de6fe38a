package org.slotmail.imap.syntax;

import java.io.IOException;

/** [UID] MOVE set mailbox (RFC 6851). */
public record Move(boolean uid, SequenceSet set, String mailbox) implements Command {
    static Move parse(ImapInput in, boolean uid) throws SyntaxException, IOException {
        in.sp();
        SequenceSet set = SequenceSet.parse(in);
        in.sp();
        return new Move(uid, set, in.astring());
    }
}
