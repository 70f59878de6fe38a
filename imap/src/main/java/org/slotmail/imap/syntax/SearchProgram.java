package org.slotmail.imap.syntax;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slotmail.mailbox.Flags;

/**
 * Parses the search criteria shared by SEARCH, SORT and THREAD (RFC 9051 §6.4.4) into one {@link
 * SearchKey}: a list of keys means AND.
 */
final class SearchProgram {
    private SearchProgram() {}

    /** The charset named by CHARSET; an unknown one is refused with BADCHARSET (RFC 9051 §7.1). */
    static Charset charset(ImapInput in, String name) throws SyntaxException {
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw new SyntaxException("unsupported charset " + name, "BADCHARSET (UTF-8 US-ASCII)", false);
        }
    }

    /** Keys up to the end of the command. */
    static SearchKey keys(ImapInput in, Charset charset) throws SyntaxException, IOException {
        var keys = new ArrayList<SearchKey>();
        do keys.add(key(in, charset));
        while (in.accept(' '));
        in.endOfCommand();
        return keys.size() == 1 ? keys.getFirst() : new SearchKey.And(keys);
    }

    static SearchKey key(ImapInput in, Charset charset) throws SyntaxException, IOException {
        int c = in.peek();
        if (c == '(') {
            in.open();
            var keys = new ArrayList<SearchKey>();
            do keys.add(key(in, charset));
            while (in.accept(' '));
            in.close();
            return keys.size() == 1 ? keys.getFirst() : new SearchKey.And(keys);
        }
        if ((c >= '0' && c <= '9') || c == '*' || c == '$') return new SearchKey.Sequence(SequenceSet.parse(in));
        String name = in.atom().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALL" -> new SearchKey.All();
            case "ANSWERED" -> new SearchKey.SystemFlag(Flags.ANSWERED, true);
            case "UNANSWERED" -> new SearchKey.SystemFlag(Flags.ANSWERED, false);
            case "DELETED" -> new SearchKey.SystemFlag(Flags.DELETED, true);
            case "UNDELETED" -> new SearchKey.SystemFlag(Flags.DELETED, false);
            case "DRAFT" -> new SearchKey.SystemFlag(Flags.DRAFT, true);
            case "UNDRAFT" -> new SearchKey.SystemFlag(Flags.DRAFT, false);
            case "FLAGGED" -> new SearchKey.SystemFlag(Flags.FLAGGED, true);
            case "UNFLAGGED" -> new SearchKey.SystemFlag(Flags.FLAGGED, false);
            case "SEEN" -> new SearchKey.SystemFlag(Flags.SEEN, true);
            case "UNSEEN" -> new SearchKey.SystemFlag(Flags.SEEN, false);
            case "NEW" ->
                new SearchKey.And(List.of(new SearchKey.Recent(true), new SearchKey.SystemFlag(Flags.SEEN, false)));
            case "OLD" -> new SearchKey.Recent(false);
            case "RECENT" -> new SearchKey.Recent(true);
            case "KEYWORD", "UNKEYWORD" -> {
                in.sp();
                yield new SearchKey.Keyword(in.atom(), name.equals("KEYWORD"));
            }
            case "BEFORE", "ON", "SINCE" -> {
                in.sp();
                yield new SearchKey.DateKey(false, SearchKey.Comparison.valueOf(name), Grammar.date(in));
            }
            case "SENTBEFORE", "SENTON", "SENTSINCE" -> {
                in.sp();
                yield new SearchKey.DateKey(true, SearchKey.Comparison.valueOf(name.substring(4)), Grammar.date(in));
            }
            case "SAVEDBEFORE", "SAVEDON", "SAVEDSINCE" -> {
                in.sp();
                yield new SearchKey.SaveDateKey(SearchKey.Comparison.valueOf(name.substring(5)), Grammar.date(in));
            }
            case "SAVEDATESUPPORTED" -> new SearchKey.SaveDateSupported();
            case "FROM", "TO", "CC", "BCC", "SUBJECT" -> {
                in.sp();
                yield new SearchKey.Header(name, text(in, charset));
            }
            case "HEADER" -> {
                in.sp();
                String field = in.astring();
                in.sp();
                yield new SearchKey.Header(field.toUpperCase(Locale.ROOT), text(in, charset));
            }
            case "BODY" -> {
                in.sp();
                yield new SearchKey.Body(text(in, charset));
            }
            case "TEXT" -> {
                in.sp();
                yield new SearchKey.Text(text(in, charset));
            }
            case "LARGER" -> {
                in.sp();
                yield new SearchKey.Larger(in.number());
            }
            case "SMALLER" -> {
                in.sp();
                yield new SearchKey.Smaller(in.number());
            }
            case "UID" -> {
                in.sp();
                yield new SearchKey.Uid(SequenceSet.parse(in));
            }
            case "MODSEQ" -> {
                in.sp();
                // RFC 7162 §3.1.5: an optional entry name and type before the value; all entries are one here.
                if (in.peek() == '"') {
                    in.string();
                    in.sp();
                    in.atom();
                    in.sp();
                }
                yield new SearchKey.ModSeq(in.number());
            }
            case "EMAILID", "THREADID" -> {
                in.sp();
                String id = in.atom();
                yield name.equals("EMAILID") ? new SearchKey.EmailId(id) : new SearchKey.ThreadId(id);
            }
            case "OLDER", "YOUNGER" -> {
                in.sp();
                yield new SearchKey.Age(name.equals("OLDER"), in.nzNumber());
            }
            case "NOT" -> {
                in.sp();
                yield new SearchKey.Not(key(in, charset));
            }
            case "OR" -> {
                in.sp();
                SearchKey left = key(in, charset);
                in.sp();
                yield new SearchKey.Or(left, key(in, charset));
            }
            default -> throw in.error("unknown search key " + name);
        };
    }

    private static String text(ImapInput in, Charset charset) throws SyntaxException, IOException {
        byte[] bytes = in.astringBytes();
        if (charset.equals(StandardCharsets.UTF_8)) return ImapInput.utf8(bytes);
        return new String(bytes, charset);
    }
}
