package org.slotmail.imap.exec;

import java.io.IOException;
import java.io.InputStream;
import org.slotmail.imap.response.ResponseWriter;
import org.slotmail.imap.syntax.FetchItem;
import org.slotmail.imap.syntax.Section;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MessageRecord;

/**
 * Writes BODY[section]<partial>, BINARY[...] and BINARY.SIZE[...] of one message. The whole message,
 * its header and its text are streamed straight from the store using the header size cached at
 * delivery; parts are located by {@link PartReader}.
 */
final class BodyWriter {
    private BodyWriter() {}

    static void body(ResponseWriter out, Mailbox mailbox, MessageRecord record, FetchItem.Body item)
            throws IOException {
        Section section = item.section();
        if (item.legacyName() != null) out.raw(item.legacyName()).sp();
        else out.raw("BODY[").raw(section.label()).raw("]");
        if (item.legacyName() == null && item.partial().isPresent())
            out.raw("<").number(item.partial().get().offset()).raw(">");
        if (item.legacyName() == null) out.sp();
        if (section.part().isEmpty()
                && (section.kind() == Section.Kind.ALL
                        || section.kind() == Section.Kind.TEXT
                        || section.kind() == Section.Kind.HEADER)) {
            long headerSize = section.kind() == Section.Kind.ALL
                    ? 0
                    : mailbox.summary(record.uid()).headerSize();
            long start = section.kind() == Section.Kind.TEXT ? headerSize : 0;
            long length = switch (section.kind()) {
                case ALL -> record.size();
                case HEADER -> headerSize;
                default -> record.size() - headerSize;
            };
            var range = FetchHandler.Range.of(item.partial(), length);
            try (InputStream in = mailbox.content(record.uid())) {
                FetchHandler.skipFully(in, start + range.offset());
                out.literal(in, range.length(), false);
            }
            return;
        }
        byte[] bytes = PartReader.section(mailbox, record, section);
        writeSlice(out, bytes, item.partial(), false);
    }

    static void binary(ResponseWriter out, Mailbox mailbox, MessageRecord record, FetchItem.Binary item)
            throws IOException {
        byte[] decoded = PartReader.decoded(mailbox, record, item.section());
        out.raw("BINARY[").raw(item.section().label()).raw("]");
        if (item.partial().isPresent())
            out.raw("<").number(item.partial().get().offset()).raw(">");
        out.sp();
        boolean hasNul = false;
        for (byte b : decoded) if (b == 0) hasNul = true;
        writeSlice(out, decoded, item.partial(), hasNul);
    }

    static void binarySize(ResponseWriter out, Mailbox mailbox, MessageRecord record, FetchItem.BinarySize item)
            throws IOException {
        byte[] decoded = PartReader.decoded(mailbox, record, item.section());
        out.raw("BINARY.SIZE[").raw(item.section().label()).raw("] ").number(decoded.length);
    }

    private static void writeSlice(
            ResponseWriter out, byte[] bytes, java.util.Optional<FetchItem.Partial> partial, boolean binary)
            throws IOException {
        var range = FetchHandler.Range.of(partial, bytes.length);
        out.literal(bytes, (int) range.offset(), (int) range.length(), binary);
    }
}
