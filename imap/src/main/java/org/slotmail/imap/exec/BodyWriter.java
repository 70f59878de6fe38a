package org.slotmail.imap.exec;

import java.io.IOException;
import java.io.InputStream;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.syntax.FetchItem;
import org.slotmail.imap.syntax.Section;
import org.slotmail.mail.section.BinarySection;
import org.slotmail.mail.section.MessageLayout;
import org.slotmail.mail.section.MessageSource;
import org.slotmail.mail.section.SectionPath;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MessageRecord;

/**
 * BODY[section]<partial>, BINARY[...] and BINARY.SIZE[...] of one message (RFC 9051 §6.4.5, RFC
 * 3516). Each item is prepared before its FETCH line is started: the message is opened (which
 * checks its SHA-256) and the section located, so damage or an unknown encoding is known while
 * the response can still be refused cleanly. Then the bytes stream from the store to the client.
 * Top-level sections come from the header size cached at delivery; parts need one scan of the
 * message ({@link MessageLayout}), shared by all items of the message.
 */
final class BodyWriter {
    private BodyWriter() {}

    /** An item ready to be written; it holds an open stream until written. */
    interface Prepared extends AutoCloseable {
        void write(ResponseWriter out) throws IOException;

        @Override
        default void close() throws IOException {}
    }

    /** Why an item cannot be answered; FETCH then completes with NO and this code. */
    static final class Refused extends Exception {
        final String code;

        Refused(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** What is read of one message while its items are prepared. */
    static final class MessageAccess {
        private final Mailbox mailbox;
        private final MessageRecord record;
        private final MessageSource source;
        private MessageLayout layout;

        MessageAccess(Mailbox mailbox, MessageRecord record) {
            this.mailbox = mailbox;
            this.record = record;
            this.source = () -> mailbox.content(record.uid());
        }

        MessageLayout layout() throws IOException {
            if (layout == null) {
                try (InputStream in = source.open()) {
                    layout = MessageLayout.scan(in);
                }
            }
            return layout;
        }

        org.slotmail.mail.section.Section locate(SectionPath path) throws IOException {
            if (path.isTopLevel()) {
                long headerSize = path.specifier() == SectionPath.Specifier.NONE
                        ? 0
                        : mailbox.summary(record.uid()).headerSize();
                return MessageLayout.locateTopLevel(path, headerSize, record.size());
            }
            return layout().locate(path);
        }
    }

    static Prepared body(MessageAccess m, FetchItem.Body item) throws IOException {
        String label = item.legacyName() != null
                ? item.legacyName() + " "
                : "BODY[" + item.section().label() + "]"
                        + item.partial().map(p -> "<" + p.offset() + ">").orElse("") + " ";
        var located = m.locate(path(item.section()));
        return switch (located) {
            case org.slotmail.mail.section.Section.Missing missing ->
                out -> out.raw(label).raw("\"\"");
            case org.slotmail.mail.section.Section.Slice slice -> {
                var range = item.partial()
                        .map(p -> slice.range(p.offset(), p.length()))
                        .orElse(slice);
                InputStream in = range.open(m.source);
                yield new Prepared() {
                    @Override
                    public void write(ResponseWriter out) throws IOException {
                        try (in) {
                            out.raw(label).literal(in, range.length(), false);
                        }
                    }

                    @Override
                    public void close() throws IOException {
                        in.close();
                    }
                };
            }
            case org.slotmail.mail.section.Section.HeaderFields fields -> {
                // Header lines are small: take them in memory, so nothing can fail once writing starts.
                byte[] bytes = fields.toByteArray(m.source);
                int from = (int) Math.min(
                        bytes.length,
                        item.partial().map(FetchItem.Partial::offset).orElse(0L));
                int len = (int) Math.min(
                        bytes.length - from,
                        item.partial().map(FetchItem.Partial::length).orElse((long) bytes.length));
                yield out -> out.raw(label).literal(bytes, from, len, false);
            }
        };
    }

    static Prepared binary(MessageAccess m, FetchItem.Binary item) throws IOException, Refused {
        BinarySection.Content content = content(m, item.section());
        String label = "BINARY[" + item.section().label() + "]"
                + item.partial().map(p -> "<" + p.offset() + ">").orElse("") + " ";
        long size = content.decodedSize(m.source);
        long from = Math.min(size, item.partial().map(FetchItem.Partial::offset).orElse(0L));
        long len = Math.min(
                size - from, item.partial().map(FetchItem.Partial::length).orElse(size));
        InputStream in = content.open(m.source);
        return new Prepared() {
            @Override
            public void write(ResponseWriter out) throws IOException {
                try (in) {
                    in.skipNBytes(from);
                    // literal8 always: decoded content may hold NUL (RFC 3516 §4.2).
                    out.raw(label).literal(in, len, true);
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    static Prepared binarySize(MessageAccess m, FetchItem.BinarySize item) throws IOException, Refused {
        long size = content(m, item.section()).decodedSize(m.source);
        String label = "BINARY.SIZE[" + item.section().label() + "] ";
        return out -> out.raw(label).number(size);
    }

    private static BinarySection.Content content(MessageAccess m, Section section) throws IOException, Refused {
        return switch (m.layout().binary(section.part())) {
            case BinarySection.Content c -> c;
            case BinarySection.Missing missing -> throw new Refused("NONEXISTENT", "no such body part");
            case BinarySection.UnknownEncoding u ->
                throw new Refused("UNKNOWN-CTE", "cannot decode content-transfer-encoding " + u.encoding());
        };
    }

    static SectionPath path(Section section) {
        SectionPath.Specifier specifier = switch (section.kind()) {
            case ALL -> SectionPath.Specifier.NONE;
            case HEADER -> SectionPath.Specifier.HEADER;
            case HEADER_FIELDS -> SectionPath.Specifier.HEADER_FIELDS;
            case HEADER_FIELDS_NOT -> SectionPath.Specifier.HEADER_FIELDS_NOT;
            case TEXT -> SectionPath.Specifier.TEXT;
            case MIME -> SectionPath.Specifier.MIME;
        };
        return SectionPath.of(section.part(), specifier, section.fields());
    }
}
