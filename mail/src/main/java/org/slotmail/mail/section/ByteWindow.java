package org.slotmail.mail.section;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.james.mime4j.util.ByteArrayBuffer;

/**
 * A forward-only window over a stream that knows the absolute offset of every octet. It can look
 * ahead as far as asked (the buffer grows to fit, for long boundaries) and step back over the last
 * {@link #HISTORY} octets, which stay buffered.
 */
final class ByteWindow {
    /** Octets kept behind the read position: enough to step back over the end of a boundary line. */
    static final int HISTORY = 8;

    private final InputStream in;
    private byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    private long base;
    private boolean eof;

    ByteWindow(InputStream in) {
        this.in = in;
    }

    /** Absolute offset of the next octet. */
    long offset() {
        return base + pos;
    }

    /** Buffers at least {@code n} octets unless the input ends first; returns how many are buffered. */
    int available(int n) throws IOException {
        while (lim - pos < n && !eof) fill(n);
        return lim - pos;
    }

    private void fill(int want) throws IOException {
        int from = pos - Math.min(pos, HISTORY);
        if (from > 0) {
            System.arraycopy(buf, from, buf, 0, lim - from);
            base += from;
            pos -= from;
            lim -= from;
        }
        if (pos + want > buf.length) buf = Arrays.copyOf(buf, Math.max(pos + want, buf.length * 2));
        int read = in.read(buf, lim, buf.length - lim);
        if (read < 0) {
            eof = true;
        } else {
            lim += read;
        }
    }

    /** The octet {@code i} ahead of the read position, which must be buffered. */
    int peek(int i) {
        return buf[pos + i] & 0xff;
    }

    /** Whether the buffered octets at the read position are {@code bytes}. */
    boolean startsWith(byte[] bytes) {
        if (lim - pos < bytes.length) return false;
        for (int i = 0; i < bytes.length; i++) {
            if (buf[pos + i] != bytes[i]) return false;
        }
        return true;
    }

    /** The octet {@code k} behind the read position, or -1 before the start. */
    int byteBefore(int k) {
        return pos >= k ? buf[pos - k] & 0xff : -1;
    }

    /** Consumes {@code n} buffered octets. */
    void skip(int n) {
        if (n > lim - pos) throw new IllegalStateException("skipping past the buffer");
        pos += n;
    }

    /** Steps back {@code n} octets, at most {@link #HISTORY}. */
    void rewind(long n) {
        if (n < 0 || n > HISTORY || n > pos) throw new IllegalStateException("cannot step back " + n);
        pos -= (int) n;
    }

    /**
     * Consumes through the next LF, or to the end of input; returns whether an LF was consumed.
     * The consumed octets are appended to {@code copy} (when not null) up to {@code max} in all.
     */
    boolean skipLine(ByteArrayBuffer copy, int max) throws IOException {
        while (true) {
            int i = pos;
            while (i < lim && buf[i] != '\n') i++;
            boolean found = i < lim;
            int end = found ? i + 1 : lim;
            if (copy != null && copy.length() < max) copy.append(buf, pos, Math.min(end - pos, max - copy.length()));
            pos = end;
            if (found) return true;
            if (available(1) == 0) return false;
        }
    }

    /** Consumes everything that is left. */
    void skipToEnd() throws IOException {
        pos = lim;
        while (available(1) > 0) pos = lim;
    }
}
