package org.slotmail.mail.section;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * What a section spec names in one message (RFC 9051 §6.4.5), found by {@link MessageLayout#locate}:
 * a run of the message's own bytes, the header lines a HEADER.FIELDS form selects, or nothing.
 *
 * <p>The IMAP server needs the length before the bytes (a literal announces its size), so each
 * form tells its length, then writes itself to a stream; neither holds the section in memory.
 */
public sealed interface Section {
    /** The number of octets the section has. */
    long length(MessageSource source) throws IOException;

    /** Writes the section's octets to {@code out}. */
    void writeTo(MessageSource source, OutputStream out) throws IOException;

    /** The section's octets in memory: for tests and small sections only. */
    default byte[] toByteArray(MessageSource source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(source, out);
        return out.toByteArray();
    }

    /** The part does not exist (or is not a message, for HEADER and TEXT): no octets. */
    Missing MISSING = new Missing();

    /**
     * A part number that names no part, or HEADER/TEXT/HEADER.FIELDS of a part that is not a
     * message/rfc822 (RFC 9051 §6.4.5 allows those only there). IMAP answers with an empty string
     * (or NO for BINARY), so this is kept apart from a part that exists and is empty.
     */
    record Missing() implements Section {
        @Override
        public long length(MessageSource source) {
            return 0;
        }

        @Override
        public void writeTo(MessageSource source, OutputStream out) {}
    }

    /** The octets {@code [offset, offset + length)} of the message, exactly as stored. */
    record Slice(long offset, long length) implements Section {
        public Slice {
            if (offset < 0 || length < 0) throw new IllegalArgumentException("negative slice " + offset + "+" + length);
        }

        @Override
        public long length(MessageSource source) {
            return length;
        }

        @Override
        public void writeTo(MessageSource source, OutputStream out) throws IOException {
            try (InputStream in = open(source)) {
                in.transferTo(out);
            }
        }

        /** A stream over just this slice; the caller closes it. */
        public InputStream open(MessageSource source) throws IOException {
            InputStream in = source.open();
            try {
                in.skipNBytes(offset);
            } catch (IOException e) {
                in.close();
                throw e;
            }
            return new SliceInputStream(in, length);
        }

        /**
         * The part of this slice a partial fetch ({@code <origin.count>}, RFC 9051 §6.4.5) asks
         * for: empty when {@code origin} is past the end, cut short at the end.
         */
        public Slice range(long origin, long count) {
            if (origin < 0 || count < 0) throw new IllegalArgumentException("negative range");
            long from = Math.min(origin, length);
            return new Slice(offset + from, Math.min(count, length - from));
        }
    }

    /**
     * The lines of a header block whose field name is ({@code exclude} false) or is not
     * ({@code exclude} true) in {@code names}, as written (folded lines kept), followed by an
     * empty line (RFC 9051 §6.4.5 HEADER.FIELDS, HEADER.FIELDS.NOT). Names compare
     * case-insensitively. Computed by reading {@code header} once for the length and again to write.
     */
    record HeaderFields(Slice header, List<String> names, boolean exclude) implements Section {
        public HeaderFields {
            names = List.copyOf(names);
        }

        @Override
        public long length(MessageSource source) throws IOException {
            try (InputStream in = header.open(source)) {
                return HeaderFieldFilter.filter(in, names, exclude, OutputStream.nullOutputStream());
            }
        }

        @Override
        public void writeTo(MessageSource source, OutputStream out) throws IOException {
            try (InputStream in = header.open(source)) {
                HeaderFieldFilter.filter(in, names, exclude, out);
            }
        }
    }
}
