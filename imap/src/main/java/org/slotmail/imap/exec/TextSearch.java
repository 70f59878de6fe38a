package org.slotmail.imap.exec;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slotmail.imap.syntax.SearchKey;
import org.slotmail.mail.search.MessageTextSearch;
import org.slotmail.mail.search.TextQuery;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MessageRecord;

/**
 * The text keys of a search program (HEADER, FROM, ..., BODY, TEXT) answered for one message at
 * a time in a single streaming pass over its bytes (decoded headers, transfer encodings and
 * charsets by the mail module), however many text keys the program has.
 */
final class TextSearch {
    private final List<TextQuery> queries;

    TextSearch(SearchKey program) {
        var found = new ArrayList<TextQuery>();
        collect(program, found);
        this.queries = List.copyOf(found);
    }

    /** The keys of {@code program} that match {@code record}'s message. */
    Set<TextQuery> matching(Mailbox mailbox, MessageRecord record) throws IOException {
        try (InputStream in = mailbox.content(record.uid())) {
            return MessageTextSearch.matching(in, queries);
        }
    }

    static TextQuery query(SearchKey key) {
        return switch (key) {
            case SearchKey.Header h -> new TextQuery.Header(h.field(), h.value());
            case SearchKey.Body b -> new TextQuery.Body(b.text());
            case SearchKey.Text t -> new TextQuery.Text(t.text());
            default -> throw new IllegalArgumentException("not a text key: " + key);
        };
    }

    private static void collect(SearchKey key, List<TextQuery> out) {
        switch (key) {
            case SearchKey.Header h -> out.add(query(h));
            case SearchKey.Body b -> out.add(query(b));
            case SearchKey.Text t -> out.add(query(t));
            case SearchKey.Not n -> collect(n.key(), out);
            case SearchKey.Or o -> {
                collect(o.left(), out);
                collect(o.right(), out);
            }
            case SearchKey.And a -> a.keys().forEach(k -> collect(k, out));
            default -> {}
        }
    }
}
