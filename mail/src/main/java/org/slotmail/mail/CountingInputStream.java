package org.slotmail.mail;

import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the octets and line feeds that pass through, and notes where the first empty line ends.
 *
 * <p>Sizes in IMAP are exact octet counts of the stored bytes (RFC 9051 §7.5.2, "body-fld-octets"),
 * so they are taken here, on the raw stream, and never from what a parser reports. The parser
 * reads ahead, so positions are not correlated with parser events; only whole-stream totals and
 * the header boundary, which this stream finds on its own, are used.
 *
 * <p>The header block ends after the first line that is empty once its LF and one CR before it
 * are removed: the rule mime4j applies, so both agree on where the body starts.
 *
 * <p>A failure of the wrapped stream is remembered, so the parser can tell a real I/O error (to be
 * rethrown) from a parse error inside mime4j (to be recovered from).
 */
final class CountingInputStream extends InputStream {
    private final InputStream in;
    private long octets;
    private long lines;
    private long headerEnd = -1;
    private long headerLines;
    private boolean atLineStart = true;
    private boolean crAtLineStart;
    private IOException failure;

    CountingInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (b >= 0) see((byte) b);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(buf, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        int i = 0;
        while (i < n && headerEnd < 0) see(buf[off + i++]);
        // Past the header only octets and line feeds are counted: a tight loop for the body.
        if (i < n) {
            octets += n - i;
            for (; i < n; i++) if (buf[off + i] == '\n') lines++;
        }
        return n;
    }

    private void see(byte b) {
        octets++;
        if (b == '\n') {
            lines++;
            if (headerEnd < 0) {
                if (atLineStart || crAtLineStart) {
                    headerEnd = octets;
                    headerLines = lines;
                }
                atLineStart = true;
                crAtLineStart = false;
            }
        } else if (headerEnd < 0) {
            crAtLineStart = atLineStart && b == '\r';
            atLineStart = false;
        }
    }

    /** Reads to the end, so the totals cover the whole stream. */
    void drain() throws IOException {
        byte[] buf = new byte[8192];
        while (read(buf, 0, buf.length) >= 0) {
            // counting happens in read
        }
    }

    long octets() {
        return octets;
    }

    long lines() {
        return lines;
    }

    /** Length of the header block including the empty line; all octets when there is none. */
    long headerSize() {
        return headerEnd >= 0 ? headerEnd : octets;
    }

    /** Line feeds within the header block. */
    long headerLines() {
        return headerEnd >= 0 ? headerLines : lines;
    }

    /** The wrapped stream's own failure, if it failed. */
    IOException failure() {
        return failure;
    }
}
