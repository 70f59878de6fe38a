package org.slotmail.mail.search;

import java.util.Objects;

/**
 * One text key of IMAP SEARCH (RFC 9051 §6.4.4). All match case-insensitively ({@link
 * org.slotmail.mail.CaseFold}) against decoded text: encoded words and transfer encodings undone,
 * charsets converted.
 */
public sealed interface TextQuery {
    /** The string looked for. */
    String value();

    /**
     * {@code HEADER field value}, and {@code FROM}, {@code TO}, {@code CC}, {@code BCC},
     * {@code SUBJECT} (which are HEADER with that field name): some occurrence of the field in the
     * message's own header has a decoded value containing {@code value}; an empty value asks only
     * that the field be present.
     */
    record Header(String field, String value) implements TextQuery {
        public Header {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code BODY value}: the text of some text part of the message contains it. */
    record Body(String value) implements TextQuery {
        public Body {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * {@code TEXT value}: the header fields (of the message, its parts and encapsulated messages,
     * each seen as {@code Name: decoded value}) or the body text contain it.
     */
    record Text(String value) implements TextQuery {
        public Text {
            Objects.requireNonNull(value, "value");
        }
    }
}
