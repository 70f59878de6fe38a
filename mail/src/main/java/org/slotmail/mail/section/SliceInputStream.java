package org.slotmail.mail.section;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * At most {@code length} octets of a stream positioned at a slice's start. A stored message that
 * ends before the slice does is damaged, so that is an error, not a short read.
 */
final class SliceInputStream extends InputStream {
    private final InputStream in;
    private long left;

    SliceInputStream(InputStream in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) return -1;
        int b = in.read();
        if (b < 0) throw new EOFException("message ends " + left + " octets before the section does");
        left--;
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (left <= 0) return -1;
        int n = in.read(buf, off, (int) Math.min(len, left));
        if (n < 0) throw new EOFException("message ends " + left + " octets before the section does");
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), left);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
