package org.slotmail.imap.syntax;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Pieces of the grammar shared by several commands: flag lists and dates (RFC 9051 §9). */
final class Grammar {
    private static final String[] MONTHS = {
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
    };

    private Grammar() {}

    /** flag-list: "(" [flag *(SP flag)] ")"; with {@code bare} a single flag without parentheses too. */
    static List<String> flags(ImapInput in, boolean bare) throws SyntaxException {
        var flags = new ArrayList<String>();
        if (bare && in.peek() != '(') {
            do flags.add(flag(in));
            while (in.accept(' '));
            return flags;
        }
        in.open();
        if (in.peek() != ')') {
            do flags.add(flag(in));
            while (in.accept(' '));
        }
        in.close();
        return flags;
    }

    private static String flag(ImapInput in) throws SyntaxException {
        if (in.accept('\\')) return "\\" + in.atom();
        return in.atom();
    }

    /** date: d-MMM-yyyy, optionally quoted (RFC 9051 §9 date). */
    static LocalDate date(ImapInput in) throws SyntaxException {
        boolean quoted = in.accept('"');
        String text = in.word();
        if (quoted) {
            if (text.endsWith("\"")) text = text.substring(0, text.length() - 1);
            else in.expect('"');
        }
        String[] parts = text.split("-");
        if (parts.length != 3 || parts[0].isEmpty() || parts[0].length() > 2 || parts[2].length() != 4) {
            throw in.error("bad date: " + text);
        }
        try {
            int day = Integer.parseInt(parts[0]);
            int month = month(parts[1]);
            int year = Integer.parseInt(parts[2]);
            return LocalDate.of(year, month, day);
        } catch (RuntimeException e) {
            throw in.error("bad date: " + text);
        }
    }

    /** date-time: "dd-MMM-yyyy hh:mm:ss +zzzz", day possibly space-padded. */
    static OffsetDateTime dateTime(ImapInput in) throws SyntaxException, java.io.IOException {
        String text = new String(in.string(), java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            String t = text.startsWith(" ") ? "0" + text.substring(1) : text;
            if (t.length() != 26) throw new IllegalArgumentException();
            int day = Integer.parseInt(t.substring(0, 2));
            int month = month(t.substring(3, 6));
            int year = Integer.parseInt(t.substring(7, 11));
            int hour = Integer.parseInt(t.substring(12, 14));
            int minute = Integer.parseInt(t.substring(15, 17));
            int second = Integer.parseInt(t.substring(18, 20));
            char sign = t.charAt(21);
            int zh = Integer.parseInt(t.substring(22, 24));
            int zm = Integer.parseInt(t.substring(24, 26));
            if (t.charAt(2) != '-' || t.charAt(6) != '-' || t.charAt(11) != ' ' || (sign != '+' && sign != '-')) {
                throw new IllegalArgumentException();
            }
            int offset = (zh * 3600 + zm * 60) * (sign == '-' ? -1 : 1);
            return OffsetDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.ofTotalSeconds(offset));
        } catch (RuntimeException e) {
            throw in.error("bad date-time: " + text);
        }
    }

    private static int month(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) if (MONTHS[i].equals(upper)) return i + 1;
        throw new IllegalArgumentException("bad month");
    }
}
