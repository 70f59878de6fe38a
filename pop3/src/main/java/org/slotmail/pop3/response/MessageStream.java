package org.slotmail.pop3.response;

import java.io.IOException;
import java.io.InputStream;
import org.slotmail.net.LineWriter;

/**
 * Copies a stored message into a multi-line response (RFC 1939 §3), a buffer at a time, never
 * holding the message whole:
 *
 * <ul>
 *   <li>a line starting with '.' gets a second '.' in front (byte-stuffing), so no line of the
 *       message can end the response early;
 *   <li>a bare LF becomes CRLF, since clients split lines at LF and one that kept a bare LF would
 *       read a following ".\r\n" as the end (Dovecot does the same);
 *   <li>the last line always ends with CRLF, so the terminating dot starts a line of its own;
 *   <li>for TOP, copying stops after the header, the blank line and {@code bodyLines} lines.
 * </ul>
 *
 * Sizes given in STAT and LIST are the stored sizes; they match what RETR sends for every message
 * stored with CRLF line ends, which is every message delivered over LMTP.
 */
final class MessageStream {
    private static final int CHUNK = 16 * 1024;

    private final LineWriter out;
    private final long bodyLines;
    // Room for a whole chunk doubled: every byte may turn into two (".." or CRLF).
    private final byte[] pending = new byte[2 * CHUNK + 2];
    private int count;
    private boolean atLineStart = true;
    private boolean afterCr;
    private boolean inHeader = true;
    private boolean lineEmpty = true;
    private long linesSent;

    private MessageStream(LineWriter out, long bodyLines) {
        this.out = out;
        this.bodyLines = bodyLines;
    }

    /** Copies {@code in} to {@code out} as described above; {@code bodyLines < 0} copies it all. */
    static void copy(InputStream in, LineWriter out, long bodyLines) throws IOException {
        new MessageStream(out, bodyLines).run(in);
    }

    private void run(InputStream in) throws IOException {
        byte[] chunk = new byte[CHUNK];
        boolean more = !done();
        while (more) {
            int n;
            try {
                n = in.read(chunk);
            } catch (IOException e) {
                throw new MessageUnreadable(e);
            }
            if (n < 0) break;
            int used = 0;
            while (used < n && !done()) {
                take(chunk[used++]);
            }
            drain();
            more = !done();
        }
        if (!atLineStart) {
            if (!afterCr) put((byte) '\r');
            put((byte) '\n');
        }
        drain();
    }

    /** Whether TOP has all the lines it asked for. */
    private boolean done() {
        return bodyLines >= 0 && !inHeader && linesSent >= bodyLines;
    }

    private void take(byte b) {
        if (b == '\n') {
            if (!afterCr) put((byte) '\r');
            put(b);
            // A line that held nothing (or only the CR of its CRLF) ends the header (RFC 5322 §2.1).
            if (inHeader) {
                if (lineEmpty) inHeader = false;
            } else {
                linesSent++;
            }
            atLineStart = true;
            afterCr = false;
            lineEmpty = true;
            return;
        }
        if (atLineStart && b == '.') put((byte) '.');
        put(b);
        if (afterCr) lineEmpty = false; // a CR that was not the end of the line
        afterCr = b == '\r';
        if (!afterCr) lineEmpty = false;
        atLineStart = false;
    }

    private void put(byte b) {
        pending[count++] = b;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(pending, 0, count);
            count = 0;
        }
    }
}
