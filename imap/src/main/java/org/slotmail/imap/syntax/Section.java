package org.slotmail.imap.syntax;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A body section as FETCH names it (RFC 9051 §6.4.5): a part path ({@code 1.2}), then optionally
 * HEADER, HEADER.FIELDS (list), HEADER.FIELDS.NOT (list), TEXT or MIME.
 */
public record Section(List<Integer> part, Kind kind, List<String> fields) {
    /** What of the part is meant. */
    public enum Kind {
        ALL,
        HEADER,
        HEADER_FIELDS,
        HEADER_FIELDS_NOT,
        TEXT,
        MIME
    }

    public Section {
        part = List.copyOf(part);
        fields = List.copyOf(fields);
    }

    public static final Section WHOLE = new Section(List.of(), Kind.ALL, List.of());

    /** Parses what is between "[" and "]"; the "[" is consumed already, the "]" is consumed here. */
    static Section parse(ImapInput in, boolean binary) throws SyntaxException, java.io.IOException {
        var part = new ArrayList<Integer>();
        Kind kind = Kind.ALL;
        var fields = new ArrayList<String>();
        while (in.peek() >= '0' && in.peek() <= '9') {
            long n = in.nzNumber();
            if (n > 100_000) throw in.error("part number too large");
            part.add((int) n);
            if (!in.accept('.')) break;
        }
        if (in.peek() != ']') {
            if (binary) throw in.error("BINARY takes only a part number");
            String name = in.atom().toUpperCase(Locale.ROOT);
            kind = switch (name) {
                case "HEADER" -> Kind.HEADER;
                case "HEADER.FIELDS" -> Kind.HEADER_FIELDS;
                case "HEADER.FIELDS.NOT" -> Kind.HEADER_FIELDS_NOT;
                case "TEXT" -> Kind.TEXT;
                case "MIME" -> {
                    if (part.isEmpty()) throw in.error("MIME needs a part number");
                    yield Kind.MIME;
                }
                default -> throw in.error("unknown section " + name);
            };
            if (kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT) {
                in.sp();
                in.open();
                do fields.add(in.astring());
                while (in.accept(' '));
                in.close();
            }
        }
        in.expect(']');
        return new Section(part, kind, fields);
    }

    /** The section as a FETCH response names it, e.g. {@code 1.2.HEADER.FIELDS (FROM TO)}. */
    public String label() {
        var sb = new StringBuilder();
        for (int i = 0; i < part.size(); i++) {
            if (i > 0) sb.append('.');
            sb.append(part.get(i));
        }
        if (kind != Kind.ALL) {
            if (!part.isEmpty()) sb.append('.');
            sb.append(
                    switch (kind) {
                        case HEADER -> "HEADER";
                        case HEADER_FIELDS -> "HEADER.FIELDS";
                        case HEADER_FIELDS_NOT -> "HEADER.FIELDS.NOT";
                        case TEXT -> "TEXT";
                        case MIME -> "MIME";
                        case ALL -> "";
                    });
            if (kind == Kind.HEADER_FIELDS || kind == Kind.HEADER_FIELDS_NOT) {
                sb.append(" (");
                for (int i = 0; i < fields.size(); i++) {
                    if (i > 0) sb.append(' ');
                    sb.append(fields.get(i).toUpperCase(Locale.ROOT));
                }
                sb.append(')');
            }
        }
        return sb.toString();
    }
}
