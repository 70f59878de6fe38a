package org.slotmail.net;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * The client's half of COMPRESS=DEFLATE (RFC 4978): raw deflate, never finished, flushed by the
 * client at the end of each command. Unlike {@link java.util.zip.InflaterInputStream}, the end of
 * the underlying stream is an ordinary end (-1) rather than an error, so a client hanging up between
 * commands reads the same compressed or not. A read returns as soon as any byte is inflated and
 * never waits for more than it needs.
 */
final class InflatingInput extends InputStream {
    private final InputStream compressed;
    private final Inflater inflater;
    private final byte[] input;

    InflatingInput(InputStream compressed, Inflater inflater, int bufferSize) {
        this.compressed = compressed;
        this.inflater = inflater;
        this.input = new byte[bufferSize];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) return 0;
        while (true) {
            int n;
            try {
                n = inflater.inflate(dst, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("client sent invalid deflate data: " + e.getMessage());
            }
            if (n > 0) return n;
            // RFC 4978 streams never end; a client that finished one has nothing more to say.
            if (inflater.finished()) return -1;
            if (inflater.needsDictionary()) throw new ZipException("client's deflate data needs a preset dictionary");
            int got = compressed.read(input, 0, input.length);
            if (got <= 0) return -1;
            inflater.setInput(input, 0, got);
        }
    }

    @Override
    public void close() throws IOException {
        compressed.close();
    }
}
