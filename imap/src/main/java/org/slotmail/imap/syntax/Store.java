package org.slotmail.imap.syntax;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.slotmail.mailbox.FlagUpdate;

/** [UID] STORE set [(UNCHANGEDSINCE n)] (+|-)FLAGS[.SILENT] flags (RFC 9051 §6.4.6, RFC 7162). */
public record Store(
        boolean uid,
        SequenceSet set,
        OptionalLong unchangedSince,
        FlagUpdate.Mode mode,
        boolean silent,
        List<String> flags)
        implements Command {
    static Store parse(ImapInput in, boolean uid) throws SyntaxException {
        in.sp();
        SequenceSet set = SequenceSet.parse(in);
        in.sp();
        OptionalLong unchangedSince = OptionalLong.empty();
        if (in.peek() == '(') {
            in.open();
            if (!in.acceptWord("UNCHANGEDSINCE")) throw in.error("unknown STORE modifier");
            in.sp();
            unchangedSince = OptionalLong.of(in.number());
            in.close();
            in.sp();
        }
        FlagUpdate.Mode mode = FlagUpdate.Mode.REPLACE;
        if (in.accept('+')) mode = FlagUpdate.Mode.ADD;
        else if (in.accept('-')) mode = FlagUpdate.Mode.REMOVE;
        String item = in.atom().toUpperCase(Locale.ROOT);
        boolean silent = switch (item) {
            case "FLAGS" -> false;
            case "FLAGS.SILENT" -> true;
            default -> throw in.error("expected FLAGS or FLAGS.SILENT");
        };
        in.sp();
        return new Store(uid, set, unchangedSince, mode, silent, List.copyOf(Grammar.flags(in, true)));
    }
}
