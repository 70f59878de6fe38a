package org.slotmail.mail.section;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An IMAP section specification (RFC 9051 §6.4.5 "section-spec"): part numbers, possibly none,
 * and what of that part is wanted. The IMAP parser builds it; this record only checks the
 * combinations the grammar allows.
 *
 * @param parts 1-based part numbers, outermost first; empty for the top-level message
 * @param specifier what of the part is wanted
 * @param fields the header field names of {@code HEADER.FIELDS} and {@code HEADER.FIELDS.NOT},
 *     empty for every other specifier
 */
public record SectionPath(List<Integer> parts, Specifier specifier, List<String> fields) {
    /** The part of a section spec after the part numbers. */
    public enum Specifier {
        /** No specifier: the whole message for an empty path, the part's body otherwise. */
        NONE,
        /** The RFC 5322 header of the message or encapsulated message. */
        HEADER,
        /** The header lines whose field name is in the list. */
        HEADER_FIELDS,
        /** The header lines whose field name is not in the list. */
        HEADER_FIELDS_NOT,
        /** The body of the message or encapsulated message, without its header. */
        TEXT,
        /** The MIME header of a part; only after part numbers. */
        MIME
    }

    public SectionPath {
        parts = List.copyOf(parts);
        Objects.requireNonNull(specifier, "specifier");
        fields = List.copyOf(fields);
        for (int n : parts) {
            if (n < 1) throw new IllegalArgumentException("part numbers start at 1: " + parts);
        }
        boolean takesFields = specifier == Specifier.HEADER_FIELDS || specifier == Specifier.HEADER_FIELDS_NOT;
        if (takesFields && fields.isEmpty()) {
            throw new IllegalArgumentException(specifier + " needs at least one field name");
        }
        if (!takesFields && !fields.isEmpty()) {
            throw new IllegalArgumentException(specifier + " takes no field names");
        }
        // RFC 9051 §6.4.5: "The MIME part specifier MUST be prefixed by one or more numeric part specifiers."
        if (specifier == Specifier.MIME && parts.isEmpty()) {
            throw new IllegalArgumentException("MIME needs a part number");
        }
    }

    /** BODY[]: the whole message. */
    public static SectionPath whole() {
        return new SectionPath(List.of(), Specifier.NONE, List.of());
    }

    /** A path with no field names. */
    public static SectionPath of(List<Integer> parts, Specifier specifier) {
        return new SectionPath(parts, specifier, List.of());
    }

    /** A path with field names (for the HEADER.FIELDS forms). */
    public static SectionPath of(List<Integer> parts, Specifier specifier, List<String> fields) {
        return new SectionPath(parts, specifier, fields);
    }

    /** Whether this names the top-level message rather than a part of it. */
    public boolean isTopLevel() {
        return parts.isEmpty();
    }

    /** The section as IMAP writes it, e.g. {@code 1.2.HEADER.FIELDS (From To)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int n : parts) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(n);
        }
        if (specifier != Specifier.NONE) {
            if (!sb.isEmpty()) sb.append('.');
            sb.append(specifier.name().replace('_', '.'));
        }
        if (!fields.isEmpty()) {
            sb.append(" (")
                    .append(String.join(" ", fields).toUpperCase(Locale.ROOT))
                    .append(')');
        }
        return sb.toString();
    }
}
