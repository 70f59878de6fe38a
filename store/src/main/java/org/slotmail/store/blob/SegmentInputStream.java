package org.slotmail.store.blob;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Streams a byte range of a segment with positional reads (many readers share one channel). */
final class SegmentInputStream extends InputStream {
    private final FileChannel channel;
    private long position;
    private long remaining;

    SegmentInputStream(FileChannel channel, long position, long length) {
        this.channel = channel;
        this.position = position;
        this.remaining = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (remaining == 0) return -1;
        int n = (int) Math.min(len, remaining);
        var buf = ByteBuffer.wrap(b, off, n);
        SegmentStore.readFully(channel, buf, position);
        position += n;
        remaining -= n;
        return n;
    }

    @Override
    public long skip(long n) {
        long s = Math.max(0, Math.min(n, remaining));
        position += s;
        remaining -= s;
        return s;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
