package org.slotmail.mail.section;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.util.ByteArrayBuffer;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mail.section.MessageLayout.Entity;
import org.slotmail.mail.section.MessageLayout.Kind;

/**
 * Finds where every entity of a message lies, in one streaming pass (RFC 2046 §5.1.1 boundaries).
 *
 * <p>mime4j, which builds BODYSTRUCTURE, reads ahead and cannot say where a part starts, so the
 * offsets are found here; the rules are mime4j's, so that part numbers and sizes agree with
 * {@link MessageSummary#parse} (tests hold the two side by side):
 *
 * <ul>
 *   <li>A delimiter is a line starting with {@code --boundary} followed by white space,
 *       {@code --} or the end. It is the close delimiter when {@code --} appears anywhere on the
 *       rest of the line; nothing else on the line matters. Enclosing
 *       multiparts' delimiters are checked first: an outer one ends every inner part.
 *   <li>The line break before a delimiter belongs to it: a part ends before its LF and one CR.
 *   <li>After a delimiter line, a part follows only if input remains before the enclosing end,
 *       with mime4j's exact counting (it stops skipping the line with one octet left, so
 *       {@code --b LF} at the very end opens a last part holding that LF).
 *   <li>The header ends after the first line that is empty once its LF and one CR are removed.
 *   <li>Nesting deeper than {@link MessageSummary#MAX_DEPTH} and parts past
 *       {@link MessageSummary#MAX_PARTS} are treated as MessageSummary treats them: opaque, or
 *       not there. A multipart with no part gets an empty one, as BODYSTRUCTURE shows.
 * </ul>
 *
 * One known difference remains: mime4j gives up on a header line or field longer than 1 MB, and
 * this scanner does not (it ignores such a field). Only hostile input has those.
 */
final class LayoutScanner {
    private static final int MAX_FIELD_BYTES = 1024 * 1024;

    /** One open multipart: its delimiter, and where its current part (or preamble) began. */
    private static final class Level {
        final byte[] delimiter;
        long partStart;

        Level(String boundary, long partStart) {
            delimiter = new byte[boundary.length() + 2];
            delimiter[0] = '-';
            delimiter[1] = '-';
            // mime4j's field parser widens each octet to a char; this narrows it back.
            for (int i = 0; i < boundary.length(); i++) delimiter[i + 2] = (byte) boundary.charAt(i);
            this.partStart = partStart;
        }
    }

    /** Per message (mime4j token stream): once the part budget runs out, later parts are not recorded. */
    private static final class Walk {
        boolean skipping;
    }

    private static final class Node {
        long start;
        long bodyStart;
        long end;
        Kind kind = Kind.LEAF;
        String encoding = "7bit";
        final List<Node> parts = new ArrayList<>();
        Node message;
        final boolean recorded;

        Node(long start, boolean recorded) {
            this.start = start;
            this.bodyStart = start;
            this.recorded = recorded;
        }

        Entity toEntity() {
            List<Entity> children = new ArrayList<>(parts.size());
            for (Node part : parts) children.add(part.toEntity());
            return new Entity(
                    kind, start, bodyStart, end, encoding, children, message == null ? null : message.toEntity());
        }
    }

    private final ByteWindow in;
    private final List<Level> levels = new ArrayList<>();
    private int partsLeft = MessageSummary.MAX_PARTS;
    /** The level whose delimiter stopped the last scan, or -1 when it stopped at the end of input. */
    private int hit = -1;

    private LayoutScanner(InputStream in) {
        this.in = new ByteWindow(in);
    }

    static MessageLayout scan(InputStream input) throws IOException {
        LayoutScanner scanner = new LayoutScanner(input);
        Node root = scanner.entity(0, 0, null, new Walk());
        scanner.in.skipToEnd();
        return new MessageLayout(root.toEntity(), scanner.in.offset());
    }

    /** Reads one entity starting at the read position, up to the delimiter or end that ends it. */
    private Node entity(long start, int depth, String parentMimeType, Walk walk) throws IOException {
        Node node = new Node(start, !walk.skipping);
        EntityHeader header = readHeader(node);
        node.encoding = header.encoding();
        EntityHeader.ContentType type = header.contentType(parentMimeType);
        boolean flat = depth >= MessageSummary.MAX_DEPTH;
        if (!node.recorded) {
            // Not reported, so its inside does not matter: enclosing delimiters alone end it.
            scanToDelimiter();
        } else if (type.isMultipart() && !flat) {
            partsLeft--;
            node.kind = Kind.MULTIPART;
            multipartBody(node, type, depth, walk);
        } else {
            partsLeft--;
            if (type.isMessage() && !flat && partsLeft > 0) {
                node.kind = Kind.MESSAGE;
                node.message = entity(node.bodyStart, depth + 1, null, new Walk());
            } else {
                scanToDelimiter();
            }
        }
        finish(node, regionEnd());
        return node;
    }

    private EntityHeader readHeader(Node node) throws IOException {
        EntityHeader header = new EntityHeader();
        ByteArrayBuffer field = null;
        boolean first = true;
        while (delimiterAt(levels.size()) < 0) {
            int buffered = in.available(2);
            if (buffered == 0) break;
            int b0 = in.peek(0);
            if (b0 == '\n') {
                in.skip(1);
                break;
            }
            if (b0 == '\r' && (buffered == 1 || in.peek(1) == '\n')) {
                in.skip(Math.min(buffered, 2));
                break;
            }
            // A line starting with white space continues the field before it (RFC 5322 §2.2.3).
            if (first || (b0 != ' ' && b0 != '\t')) {
                header.add(complete(field));
                field = new ByteArrayBuffer(256);
            }
            first = false;
            in.skipLine(field, MAX_FIELD_BYTES);
        }
        header.add(complete(field));
        node.bodyStart = in.offset();
        return header;
    }

    private static ByteArrayBuffer complete(ByteArrayBuffer field) {
        return field == null || field.length() >= MAX_FIELD_BYTES ? null : field;
    }

    private void multipartBody(Node node, EntityHeader.ContentType type, int depth, Walk walk) throws IOException {
        Level level = new Level(type.boundary(), node.bodyStart);
        levels.add(level);
        int mine = levels.size() - 1;
        scanToDelimiter(); // the preamble
        while (hit == mine && delimiterLine(mine)) {
            level.partStart = in.offset();
            if (partsLeft <= 0) walk.skipping = true;
            Node part = entity(level.partStart, depth + 1, type.mimeType(), walk);
            if (part.recorded) node.parts.add(part);
        }
        levels.remove(mine);
        // After the close delimiter (or a delimiter with nothing after it) comes the epilogue,
        // which only an enclosing delimiter or the end of input ends.
        if (hit == mine) scanToDelimiter();
    }

    /**
     * Consumes a delimiter line of level {@code mine} as mime4j does, and says whether a part
     * follows at the new read position. mime4j reads {@code --} anywhere on the rest of the line
     * as the close delimiter, and skips the line only while at least two octets are left before
     * the end of the enclosing stream; so near that end the exact end matters, and it is found by
     * looking at the next line for an enclosing delimiter.
     */
    private boolean delimiterLine(int mine) throws IOException {
        in.skip(levels.get(mine).delimiter.length);
        long after = in.offset();
        long dashes = -1; // where the first "--" on the line starts
        int previous = -1;
        boolean lf = false;
        while (in.available(1) > 0) {
            int c = in.peek(0);
            in.skip(1);
            if (c == '\n') {
                lf = true;
                break;
            }
            if (dashes < 0 && previous == '-' && c == '-') dashes = in.offset() - 2;
            previous = c;
        }
        boolean last = dashes >= 0;
        long lineEnd = in.offset();
        long end;
        if (!lf || in.available(1) == 0) {
            end = lineEnd;
        } else if (delimiterAt(mine) >= 0) {
            end = lineEnd - 1 - (in.byteBefore(2) == '\r' ? 1 : 0);
        } else if (lineBreakThenDelimiter(mine)) {
            // Only a line break is left before an enclosing delimiter, and it is that
            // delimiter's: this multipart's input ends with this line.
            end = lineEnd;
        } else {
            // The common case: input goes on past this line, so the next part starts there.
            return !last;
        }
        long stop;
        if (end - after < 2) {
            stop = after;
            last = false;
        } else if (last && dashes == end - 2) {
            stop = end; // the "--" was the last pair skipped
        } else if (lf && end == lineEnd && in.byteBefore(2) == '\r' && lineEnd - 2 >= after) {
            stop = end; // a final CRLF is skipped as a pair
        } else {
            stop = end - 1; // one octet is left over
        }
        in.rewind(lineEnd - stop);
        return !last && end - stop > 0;
    }

    /**
     * Whether the read position holds one line break (LF or CRLF) and then a delimiter of one of
     * the first {@code limit} levels. Reads nothing.
     */
    private boolean lineBreakThenDelimiter(int limit) throws IOException {
        int buffered = in.available(2);
        int lineBreak = 0;
        if (buffered >= 1 && in.peek(0) == '\n') lineBreak = 1;
        else if (buffered >= 2 && in.peek(0) == '\r' && in.peek(1) == '\n') lineBreak = 2;
        if (lineBreak == 0) return false;
        in.skip(lineBreak);
        boolean found = delimiterAt(limit) >= 0;
        in.rewind(lineBreak);
        return found;
    }

    /** Scans line by line to the next delimiter of any open multipart, or to the end of input. */
    private void scanToDelimiter() throws IOException {
        if (levels.isEmpty()) {
            in.skipToEnd();
            hit = -1;
            return;
        }
        while (true) {
            int level = delimiterAt(levels.size());
            if (level >= 0) {
                hit = level;
                return;
            }
            if (!in.skipLine(null, 0)) {
                hit = -1;
                return;
            }
        }
    }

    /** The outermost of the first {@code limit} levels whose delimiter starts at the read position, or -1. */
    private int delimiterAt(int limit) throws IOException {
        if (limit == 0 || in.available(1) == 0 || in.peek(0) != '-') return -1;
        for (int i = 0; i < limit; i++) {
            byte[] delimiter = levels.get(i).delimiter;
            int buffered = in.available(delimiter.length + 2);
            if (in.startsWith(delimiter) && delimiterEnds(delimiter.length, buffered)) return i;
        }
        return -1;
    }

    /**
     * Whether what follows a boundary ends it, as mime4j requires: the end of input, white
     * space, or the {@code --} of a close delimiter. So boundary {@code b} is not found in
     * {@code --bb} (RFC 2046 §5.1.1 forbids such pairs, but they occur).
     */
    private boolean delimiterEnds(int at, int buffered) {
        if (buffered <= at) return true;
        int c = in.peek(at);
        return c == ' '
                || c == '\t'
                || c == '\r'
                || c == '\n'
                || (c == '-' && buffered > at + 1 && in.peek(at + 1) == '-');
    }

    /**
     * Where the entities ended by the last scan end: at the end of input, or before the line break
     * preceding the delimiter (its LF, and a CR before that when the stream had two octets).
     */
    private long regionEnd() {
        long at = in.offset();
        if (hit < 0) return at;
        long partStart = levels.get(hit).partStart;
        if (at <= partStart) return at;
        long end = at - 1;
        if (at - partStart >= 2 && in.byteBefore(2) == '\r') end--;
        return end;
    }

    /** Closes a node at {@code end}; a header cut short by a delimiter leaves an empty body. */
    private static void finish(Node node, long end) {
        node.start = Math.min(node.start, end);
        node.bodyStart = Math.min(Math.max(node.bodyStart, node.start), end);
        node.end = end;
        if (node.kind == Kind.MULTIPART && node.parts.isEmpty()) {
            // BODYSTRUCTURE needs one part (RFC 9051 body-type-mpart); MessageSummary reports an
            // empty text/plain, so the layout has it too.
            Node empty = new Node(end, true);
            empty.end = end;
            node.parts.add(empty);
        }
    }
}
