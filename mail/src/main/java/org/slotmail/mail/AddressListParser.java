package org.slotmail.mail;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses an address-list header value (RFC 5322 §3.4, with the obsolete forms of §4.4) into IMAP
 * ENVELOPE addresses (RFC 9051 §7.5.2), leniently: anything unparseable degrades to a best guess,
 * never an error.
 *
 * <p>mime4j's address parser decodes encoded words in display names, but IMAP returns names as
 * written (clients decode them), so this small parser works on the raw text instead.
 *
 * <p>Group syntax becomes a start marker (mailbox = group name, host = null) and an end marker
 * (all null). A mailbox without a domain gets host {@code ""}, never null, so that it cannot be
 * mistaken for a group start; a missing local part likewise gets {@code ""}. Without a display
 * name, a comment in the address is used as the name (the old {@code user@host (Name)} style).
 */
final class AddressListParser {
    private sealed interface Token {
        boolean spaceBefore();
    }

    private record Word(String text, boolean spaceBefore) implements Token {}

    private record Special(char c, boolean spaceBefore) implements Token {}

    /** The tokens of one address between top-level separators. */
    private static final class Unit {
        final List<Token> phrase = new ArrayList<>();
        final List<Token> angle = new ArrayList<>();
        final List<Token> trailing = new ArrayList<>();
        boolean sawAngle;
        String comment;

        boolean isEmpty() {
            return phrase.isEmpty() && angle.isEmpty() && !sawAngle;
        }
    }

    private final String s;
    private int pos;
    private final List<Address> out = new ArrayList<>();

    private AddressListParser(String s) {
        this.s = s;
    }

    static List<Address> parse(String value) {
        if (value == null) return List.of();
        AddressListParser parser = new AddressListParser(value);
        parser.run();
        return List.copyOf(parser.out);
    }

    private void run() {
        Unit unit = new Unit();
        boolean inAngle = false;
        boolean inGroup = false;
        boolean space = false;
        while (pos < s.length()) {
            char c = s.charAt(pos);
            // Words after a closed angle-addr are not part of any address: dropped.
            List<Token> target = inAngle ? unit.angle : unit.sawAngle ? unit.trailing : unit.phrase;
            switch (c) {
                case ' ', '\t', '\r', '\n' -> {
                    space = true;
                    pos++;
                    continue;
                }
                case '(' -> {
                    String comment = HeaderText.trim(readComment());
                    if (unit.comment == null && !comment.isEmpty()) unit.comment = comment;
                    space = true;
                    continue;
                }
                case '"' -> target.add(new Word(readQuoted(), space));
                case '[' -> target.add(new Word(readDomainLiteral(), space));
                case '<' -> {
                    pos++;
                    if (!inAngle && !unit.sawAngle) {
                        inAngle = true;
                        unit.sawAngle = true;
                    }
                }
                case '>' -> {
                    pos++;
                    inAngle = false;
                }
                case ',' -> {
                    pos++;
                    if (inAngle) {
                        target.add(new Special(c, space));
                    } else {
                        flush(unit);
                        unit = new Unit();
                    }
                }
                case ':' -> {
                    pos++;
                    if (inAngle) {
                        target.add(new Special(c, space));
                    } else if (!inGroup && !unit.sawAngle) {
                        // RFC 5322 §3.4: group = display-name ":" [group-list] ";"
                        out.add(new Address(null, null, join(unit.phrase, true), null));
                        inGroup = true;
                        unit = new Unit();
                    }
                }
                case ';' -> {
                    pos++;
                    if (inAngle) continue;
                    flush(unit);
                    unit = new Unit();
                    if (inGroup) {
                        out.add(new Address(null, null, null, null));
                        inGroup = false;
                    }
                }
                case '@', '.' -> {
                    pos++;
                    target.add(new Special(c, space));
                }
                default -> target.add(new Word(readAtom(), space));
            }
            space = false;
        }
        flush(unit);
        if (inGroup) out.add(new Address(null, null, null, null));
    }

    private void flush(Unit unit) {
        if (unit.isEmpty()) return;
        if (unit.sawAngle) {
            String name = unit.phrase.isEmpty() ? unit.comment : join(unit.phrase, true);
            List<Token> spec = unit.angle;
            String adl = null;
            // obs-route (RFC 5322 §4.4): "@a,@b:" before the addr-spec, returned as the adl.
            if (!spec.isEmpty() && spec.getFirst() instanceof Special(char c, boolean _) && c == '@') {
                int colon = indexOf(spec, ':');
                if (colon >= 0) {
                    adl = join(spec.subList(0, colon), false);
                    spec = spec.subList(colon + 1, spec.size());
                }
            }
            int at = indexOf(spec, '@');
            String local = join(at < 0 ? spec : spec.subList(0, at), false);
            String host = at < 0 ? "" : join(spec.subList(at + 1, spec.size()), false);
            if (name == null && adl == null && local.isEmpty() && host.isEmpty()) return;
            out.add(new Address(name, adl, local, host));
        } else {
            int at = indexOf(unit.phrase, '@');
            if (at < 0) {
                out.add(new Address(unit.comment, null, join(unit.phrase, true), ""));
            } else {
                String local = join(unit.phrase.subList(0, at), false);
                String host = join(unit.phrase.subList(at + 1, unit.phrase.size()), false);
                out.add(new Address(unit.comment, null, local, host));
            }
        }
    }

    private static int indexOf(List<Token> tokens, char special) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i) instanceof Special(char c, boolean _) && c == special) return i;
        }
        return -1;
    }

    /**
     * Joins tokens back into text. A phrase keeps one space where the source had white space or
     * a comment; an addr-spec drops it (RFC 5322 §4.4 allows CFWS around its dots).
     */
    private static String join(List<Token> tokens, boolean phrase) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (phrase && t.spaceBefore() && !sb.isEmpty()) sb.append(' ');
            switch (t) {
                case Word(String text, boolean _) -> sb.append(text);
                case Special(char c, boolean _) -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private String readAtom() {
        int start = pos;
        while (pos < s.length() && !isDelimiter(s.charAt(pos))) pos++;
        return s.substring(start, pos);
    }

    private static boolean isDelimiter(char c) {
        return switch (c) {
            case ' ', '\t', '\r', '\n', '(', '"', '[', '<', '>', ',', ':', ';', '@', '.' -> true;
            default -> false;
        };
    }

    /** A quoted-string's content without quotes or escapes (RFC 5322 §3.2.4); unclosed runs to the end. */
    private String readQuoted() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '"') break;
            if (c == '\\' && pos < s.length()) c = s.charAt(pos++);
            sb.append(c);
        }
        return sb.toString();
    }

    /** A comment's content, nested comments included as written (RFC 5322 §3.2.2). */
    private String readComment() {
        StringBuilder sb = new StringBuilder();
        int depth = 0;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                sb.append(s.charAt(pos++));
                continue;
            }
            if (c == '(') {
                if (depth++ == 0) continue;
            } else if (c == ')') {
                if (--depth == 0) break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A domain literal with its brackets, as written (RFC 5322 §3.4.1). */
    private String readDomainLiteral() {
        int start = pos++;
        while (pos < s.length()) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                pos++;
            } else if (c == ']') {
                break;
            }
        }
        return s.substring(start, pos);
    }
}
