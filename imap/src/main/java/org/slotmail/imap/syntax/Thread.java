package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.Locale;

/** [UID] THREAD algorithm charset keys (RFC 5256 §3). */
public record Thread(boolean uid, String algorithm, SearchKey key) implements Command {
    static Thread parse(ImapInput in, boolean uid) throws SyntaxException, IOException {
        in.sp();
        String algorithm = in.atom().toUpperCase(Locale.ROOT);
        if (!algorithm.equals("REFERENCES") && !algorithm.equals("ORDEREDSUBJECT")) {
            throw in.error("unknown threading algorithm " + algorithm);
        }
        in.sp();
        var charset = SearchProgram.charset(in, in.astring());
        in.sp();
        return new Thread(uid, algorithm, SearchProgram.keys(in, charset));
    }
}
