package org.slotmail.imap.syntax;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * [UID] SEARCH [RETURN (options)] [CHARSET name] keys (RFC 9051 §6.4.4; ESEARCH RFC 4731,
 * SEARCHRES RFC 5182). An empty return list means ALL; no RETURN means the IMAP4rev1 SEARCH form.
 */
public record Search(boolean uid, Optional<List<String>> returns, SearchKey key) implements Command {
    static Search parse(ImapInput in, boolean uid) throws SyntaxException, IOException {
        in.sp();
        Optional<List<String>> returns = Optional.empty();
        if (in.acceptWord("RETURN")) {
            in.sp();
            returns = Optional.of(returnOptions(in));
            in.sp();
        }
        Charset charset = StandardCharsets.US_ASCII;
        if (in.acceptWord("CHARSET")) {
            in.sp();
            charset = SearchProgram.charset(in, in.astring());
            in.sp();
        }
        return new Search(uid, returns, SearchProgram.keys(in, charset));
    }

    static List<String> returnOptions(ImapInput in) throws SyntaxException {
        in.open();
        var options = new ArrayList<String>();
        if (in.peek() != ')') {
            do options.add(in.atom().toUpperCase(Locale.ROOT));
            while (in.accept(' '));
        }
        in.close();
        return List.copyOf(options);
    }
}
