package org.slotmail.mail.section;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A part's content with its content-transfer-encoding undone, for FETCH BINARY[part] and
 * BINARY.SIZE[part] (RFC 3516 §4.2), found by {@link MessageLayout#binary}.
 */
public sealed interface BinarySection {
    /** No part has that number. */
    record Missing() implements BinarySection {}

    /** The part is in an encoding this server cannot undo: IMAP answers {@code NO [UNKNOWN-CTE]}. */
    record UnknownEncoding(String encoding) implements BinarySection {}

    /** The part's encoded octets and how to decode them. */
    record Content(Section.Slice encoded, TransferEncoding encoding) implements BinarySection {
        /** A stream of the decoded octets; the caller closes it. */
        public InputStream open(MessageSource source) throws IOException {
            return encoding.decode(encoded.open(source));
        }

        /** Writes the decoded octets to {@code out}; returns how many there were. */
        public long writeTo(MessageSource source, OutputStream out) throws IOException {
            try (InputStream in = open(source)) {
                return in.transferTo(out);
            }
        }

        /**
         * The number of decoded octets (BINARY.SIZE), found by decoding: the stored size says
         * nothing exact about it. Identity encodings need no pass.
         */
        public long decodedSize(MessageSource source) throws IOException {
            if (encoding == TransferEncoding.IDENTITY) return encoded.length();
            return writeTo(source, OutputStream.nullOutputStream());
        }
    }
}
