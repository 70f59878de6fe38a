package org.slotmail.imap.syntax;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** [UID] SORT [RETURN (options)] (criteria) charset keys (RFC 5256 §3, ESORT RFC 5267). */
public record Sort(boolean uid, Optional<List<String>> returns, List<Criterion> criteria, SearchKey key)
        implements Command {
    /** One sort key, possibly reversed. */
    public record Criterion(String key, boolean reverse) {}

    private static final Set<String> KEYS =
            Set.of("ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO", "DISPLAYFROM", "DISPLAYTO");

    static Sort parse(ImapInput in, boolean uid) throws SyntaxException, IOException {
        in.sp();
        Optional<List<String>> returns = Optional.empty();
        if (in.acceptWord("RETURN")) {
            in.sp();
            returns = Optional.of(Search.returnOptions(in));
            in.sp();
        }
        in.open();
        var criteria = new ArrayList<Criterion>();
        boolean reverse = false;
        do {
            String key = in.atom().toUpperCase(Locale.ROOT);
            if (key.equals("REVERSE")) {
                reverse = true;
                continue;
            }
            if (!KEYS.contains(key)) throw in.error("unknown sort key " + key);
            criteria.add(new Criterion(key, reverse));
            reverse = false;
        } while (in.accept(' '));
        if (reverse) throw in.error("REVERSE without a sort key");
        in.close();
        in.sp();
        var charset = SearchProgram.charset(in, in.astring());
        in.sp();
        return new Sort(uid, returns, List.copyOf(criteria), SearchProgram.keys(in, charset));
    }
}
