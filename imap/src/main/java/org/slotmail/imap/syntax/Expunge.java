package org.slotmail.imap.syntax;

import java.util.Optional;

/** EXPUNGE, or UID EXPUNGE uid-set (RFC 4315 §2.1). */
public record Expunge(Optional<SequenceSet> uids) implements Command {
    static Expunge parse(ImapInput in, boolean uid) throws SyntaxException {
        if (!uid) return new Expunge(Optional.empty());
        in.sp();
        return new Expunge(Optional.of(SequenceSet.parse(in)));
    }
}
