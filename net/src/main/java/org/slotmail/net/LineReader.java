package org.slotmail.net;

import java.io.ByteArrayOutputStream;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a connection's input as lines (CRLF or LF terminated, as bytes) and as raw bytes, from its
 * own buffer. A line over the limit is skipped, never buffered whole. Before it blocks for more
 * input it flushes the given {@link Flushable} (the connection's writer): replies to a pipelined
 * batch go out in one write exactly when the client has nothing more to say, and a server can
 * never wait for a client that is waiting for an unflushed reply. Not thread-safe: one connection
 * thread owns it.
 */
public final class LineReader {
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    // Not final: STARTTLS and COMPRESS swap the source, only while the buffer is empty.
    private InputStream in;
    private final Flushable beforeWait;
    private final byte[] buf;
    private int pos;
    private int limit;

    public LineReader(InputStream in, int bufferSize, Flushable beforeWait) {
        if (bufferSize < 1) throw new IllegalArgumentException("buffer too small: " + bufferSize);
        this.in = in;
        this.beforeWait = beforeWait;
        this.buf = new byte[bufferSize];
    }

    /**
     * Reads the next line; {@code maxLength} counts the bytes before the CRLF or LF. A line over it
     * is consumed through its LF and reported as {@link Line.TooLong}.
     */
    public Line readLine(int maxLength) throws IOException {
        return readLine(maxLength, true);
    }

    /**
     * Reads the next line like {@link #readLine}, but reports a line over the limit as soon as the
     * limit is passed, without reading on to its LF. The reader is then left inside that line, so
     * this is for a protocol that ends the connection over such a line (whatever it reads next is
     * the rest of the line). With {@link #readLine}, a client that never sends an LF (or a small
     * COMPRESS=DEFLATE bomb inflating to gigabytes of one line) keeps the server reading and
     * discarding for as long as it likes.
     */
    public Line readLineOrGiveUp(int maxLength) throws IOException {
        return readLine(maxLength, false);
    }

    private Line readLine(int maxLength, boolean skipOverlong) throws IOException {
        ByteArrayOutputStream partial = null;
        long length = 0;
        boolean tooLong = false;
        while (true) {
            if (!fill()) return new Line.End();
            int lf = indexOf(LF, pos, limit);
            int end = lf < 0 ? limit : lf;
            int n = end - pos;
            length += n;
            if (!tooLong) {
                // One byte of room for the CR that may precede the LF.
                if (length > (long) maxLength + 1) {
                    if (!skipOverlong) {
                        pos = lf < 0 ? limit : lf + 1;
                        return new Line.TooLong(length);
                    }
                    tooLong = true;
                    partial = null;
                } else if (lf >= 0 && partial == null) {
                    byte[] line = Arrays.copyOfRange(buf, pos, end);
                    pos = lf + 1;
                    return finish(line, maxLength);
                } else {
                    if (partial == null) partial = new ByteArrayOutputStream(Math.min(maxLength, 1024) + 1);
                    partial.write(buf, pos, n);
                }
            }
            if (lf < 0) {
                pos = limit;
                continue;
            }
            pos = lf + 1;
            if (tooLong) return new Line.TooLong(length);
            return finish(partial.toByteArray(), maxLength);
        }
    }

    private static Line finish(byte[] line, int maxLength) {
        int len = line.length;
        if (len > 0 && line[len - 1] == CR) len--;
        if (len > maxLength) return new Line.TooLong(len);
        return new Line.Text(len == line.length ? line : Arrays.copyOf(line, len));
    }

    /** Reads one byte, or -1 at the end of the stream. */
    public int read() throws IOException {
        if (!fill()) return -1;
        return buf[pos++] & 0xff;
    }

    /**
     * Reads up to {@code len} bytes, blocking only when nothing is buffered; -1 at the end of the
     * stream.
     */
    public int read(byte[] dst, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (pos == limit && len >= buf.length) {
            // A large read with nothing buffered goes straight into the caller's array: a small
            // line buffer then costs nothing when a big literal or message body streams through.
            beforeWait.flush();
            int n = in.read(dst, off, len);
            return n <= 0 ? -1 : n;
        }
        if (!fill()) return -1;
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, dst, off, n);
        pos += n;
        return n;
    }

    /**
     * Takes bytes straight from the reader's buffer, without copying them first: a protocol that
     * handles a stream of bytes (a DATA block) scans whole buffers instead of calling {@link
     * #read()} once per byte.
     */
    @FunctionalInterface
    public interface BufferScanner {
        /**
         * Looks at {@code buf[from, to)}, never empty, and returns how many of those bytes it
         * consumed (0 to {@code to - from}); the rest stay buffered for the next read. The array is
         * the reader's own: valid only during the call, and never to be written.
         */
        int scan(byte[] buf, int from, int to) throws IOException;
    }

    /**
     * Hands the buffered bytes to {@code scanner}, first filling the buffer if it is empty (which
     * blocks, and flushes like any other wait for input), and moves past what it consumed. Returns
     * false, without calling the scanner, at the end of the stream.
     */
    public boolean scan(BufferScanner scanner) throws IOException {
        if (!fill()) return false;
        int consumed = scanner.scan(buf, pos, limit);
        if (consumed < 0 || consumed > limit - pos) {
            throw new IllegalStateException("scanner consumed " + consumed + " of " + (limit - pos) + " bytes");
        }
        pos += consumed;
        return true;
    }

    /** How many bytes are buffered: more than zero means the client already sent more. */
    public int buffered() {
        return limit - pos;
    }

    /**
     * Reads from {@code source} from now on. Only with nothing buffered: bytes the client sent before
     * a TLS handshake or before compression began must never be read as if they came after it (RFC
     * 3207 §4, RFC 9051 §6.2.1, RFC 4978 §3).
     */
    void switchSource(InputStream source) {
        if (buffered() > 0) throw new IllegalStateException(buffered() + " bytes already buffered from the old source");
        this.in = source;
    }

    private boolean fill() throws IOException {
        if (pos < limit) return true;
        beforeWait.flush();
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            // A blocking InputStream returns 0 only for an empty request; treat it as end too.
            pos = limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) return i;
        }
        return -1;
    }
}
