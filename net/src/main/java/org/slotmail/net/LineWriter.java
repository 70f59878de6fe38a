package org.slotmail.net;

import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects a batch of reply lines and sends them with one write on {@link #flush()}. With
 * TCP_NODELAY on, each write is a segment; several small ones make the client's delayed ACK cost
 * ~50 ms per response (DESIGN.md §3), so protocols write a whole batch and flush once. Only a
 * batch larger than the buffer is written in pieces. Its methods are synchronized so a second
 * thread of the same connection (IDLE's reader, which flushes before it blocks) cannot interleave
 * inside one write; uncontended, that costs next to nothing.
 *
 * <p>The buffer starts small, since thousands of idle connections each hold one. A batch that
 * overflows it grows, keeping what it holds, up to {@link #MAX_BATCH_BUFFER}: an answer of a few
 * kilobytes still leaves in one write, and 65 MB of FETCH output costs a thousand system calls
 * instead of thirty thousand. The flush that ends the batch gives the large buffer back.
 */
public final class LineWriter implements Flushable {
    private static final byte[] CRLF = {'\r', '\n'};
    /** The largest a buffer grows to while one batch overflows it. */
    static final int MAX_BATCH_BUFFER = 64 * 1024;

    // Not final: STARTTLS and COMPRESS swap the sink, only once everything is flushed.
    private OutputStream out;
    private final byte[] base;
    private byte[] buf;
    private int count;
    // Whether the sink got bytes since its last flush. A reader flushes us before every wait; with
    // nothing new, flushing the sink anyway would make a compressing sink emit an empty block.
    private boolean sinkDirty;

    public LineWriter(OutputStream out, int bufferSize) {
        if (bufferSize < 1) throw new IllegalArgumentException("buffer too small: " + bufferSize);
        this.out = out;
        this.base = new byte[bufferSize];
        this.buf = base;
    }

    /**
     * Appends one line and CRLF. The text is written as ISO-8859-1; protocols pass ASCII, and a
     * char outside it becomes '?' rather than a second byte.
     */
    public synchronized LineWriter line(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < bytes.length; i++) {
            // CR or LF inside a reply would let text forge further reply lines.
            if (bytes[i] == '\r' || bytes[i] == '\n') bytes[i] = ' ';
        }
        write(bytes, 0, bytes.length);
        return write(CRLF, 0, CRLF.length);
    }

    /** Appends raw bytes. */
    public synchronized LineWriter write(byte[] bytes, int off, int len) throws IOException {
        if (len > buf.length - count && buf.length < MAX_BATCH_BUFFER) {
            // Grow keeping what is there: an answer of a few kilobytes still leaves in one write.
            buf = java.util.Arrays.copyOf(buf, Math.min(MAX_BATCH_BUFFER, Math.max(buf.length * 4, count + len)));
        }
        if (len > buf.length - count) {
            drain();
            if (len > buf.length) {
                out.write(bytes, off, len);
                sinkDirty = true;
                return this;
            }
        }
        System.arraycopy(bytes, off, buf, count, len);
        count += len;
        return this;
    }

    /** Bytes appended and not yet sent. */
    public synchronized int pending() {
        return count;
    }

    /** Sends everything appended, in one write. */
    @Override
    public synchronized void flush() throws IOException {
        drain();
        buf = base;
        if (sinkDirty) {
            out.flush();
            sinkDirty = false;
        }
    }

    /** Writes to {@code sink} from now on; everything appended so far must have been flushed. */
    void switchSink(OutputStream sink) {
        if (count > 0 || sinkDirty) throw new IllegalStateException("unflushed output for the old sink");
        this.out = sink;
    }

    private void drain() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            sinkDirty = true;
            count = 0;
        }
    }
}
