package org.slotmail.mail.section;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Selects header fields by name from a header block, streaming (RFC 9051 §6.4.5 HEADER.FIELDS).
 *
 * <p>A field is a line that does not start with a space or tab, plus the lines that do after it
 * (folding, RFC 5322 §2.2.3). Its name is what comes before the colon, trailing white space
 * removed (the obsolete {@code Subject :} of RFC 5322 §4.5). A line without a colon in its first
 * {@link #MAX_NAME} octets is not a field and is never selected. The block ends at its empty line;
 * the output always ends with one, as CRLF, and a selected field cut off without a line break
 * (a header block with no end) gets a CRLF so the empty line stays empty.
 */
final class HeaderFieldFilter {
    /** Longest field name looked for; RFC 5322 §2.1.1 lines are at most 998 octets. */
    static final int MAX_NAME = 1000;

    private HeaderFieldFilter() {}

    /** Writes the selected fields and the final empty line to {@code out}; returns the octets written. */
    static long filter(InputStream raw, List<String> names, boolean exclude, OutputStream out) throws IOException {
        Set<String> wanted = new HashSet<>();
        for (String name : names) wanted.add(name.trim().toLowerCase(Locale.ROOT));
        InputStream in = new BufferedInputStream(raw);
        long written = 0;
        boolean selected = false;
        boolean first = true;
        int last = '\n';
        ByteArrayOutputStream start = new ByteArrayOutputStream();
        int b = in.read();
        while (b >= 0) {
            // At a line start.
            if (b == '\n') break;
            if (b == '\r') {
                in.mark(1);
                if (in.read() == '\n') break;
                in.reset();
            }
            boolean continuation = !first && (b == ' ' || b == '\t');
            first = false;
            if (!continuation) {
                // Read up to the colon (or line end) to learn the name before writing anything.
                start.reset();
                while (b >= 0 && b != ':' && b != '\n' && start.size() < MAX_NAME) {
                    start.write(b);
                    b = in.read();
                }
                boolean isField = b == ':';
                String name =
                        isField ? start.toString(StandardCharsets.ISO_8859_1).stripTrailing() : null;
                selected = isField && wanted.contains(name.toLowerCase(Locale.ROOT)) != exclude;
                if (selected) {
                    start.writeTo(out);
                    written += start.size();
                    if (start.size() > 0) last = start.toByteArray()[start.size() - 1];
                }
            }
            // The rest of the line, through its LF.
            while (b >= 0) {
                if (selected) {
                    out.write(b);
                    written++;
                    last = b;
                }
                if (b == '\n') break;
                b = in.read();
            }
            if (b >= 0) b = in.read();
        }
        if (last != '\n') {
            out.write('\r');
            out.write('\n');
            written += 2;
        }
        out.write('\r');
        out.write('\n');
        return written + 2;
    }
}
