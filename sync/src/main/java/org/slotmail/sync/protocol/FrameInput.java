package org.slotmail.sync.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames: a 4-byte big-endian length, then that many bytes holding one message. A length
 * above the limit is refused before anything is allocated for it; the stream ending between
 * frames is an {@link EOFException}, inside one a {@link ProtocolException}.
 */
public final class FrameInput {
    private final InputStream in;
    private final int maxFrameBytes;
    private final byte[] header = new byte[4];
    private long bytesRead;

    public FrameInput(InputStream in, int maxFrameBytes) {
        if (maxFrameBytes < 1024) throw new IllegalArgumentException("frames must be allowed at least 1 KiB");
        this.in = in;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The next message. */
    public SyncMessage read() throws IOException {
        int length = readLength();
        byte[] body = new byte[length];
        readFully(body, "frame cut short");
        return MessageCodec.decode(body);
    }

    /**
     * Reads a frame's length; a frame too large is a {@link FrameTooLargeException} naming its
     * length, so a server may skip it with {@link #skip} and keep the connection.
     */
    private int readLength() throws IOException {
        int first = in.read();
        if (first < 0) throw new EOFException("connection closed");
        header[0] = (byte) first;
        readFully(header, 1, 3, "frame header cut short");
        int length = ((header[0] & 0xff) << 24)
                | ((header[1] & 0xff) << 16)
                | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        bytesRead += 4;
        if (length == 0) throw new ProtocolException("empty frame");
        if (length < 0 || length > maxFrameBytes) throw new FrameTooLargeException(length & 0xffffffffL, maxFrameBytes);
        return length;
    }

    /** Reads and discards {@code length} bytes: the body of a frame that was too large. */
    public void skip(long length) throws IOException {
        byte[] scratch = new byte[8192];
        while (length > 0) {
            int n = in.read(scratch, 0, (int) Math.min(scratch.length, length));
            if (n < 0) throw new ProtocolException("frame cut short");
            length -= n;
            bytesRead += n;
        }
    }

    /** Bytes taken from the stream so far (for tests and statistics). */
    public long bytesRead() {
        return bytesRead;
    }

    private void readFully(byte[] b, String what) throws IOException {
        readFully(b, 0, b.length, what);
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) throw new ProtocolException(what);
            off += n;
            len -= n;
            bytesRead += n;
        }
    }

    /** A frame announced more bytes than this side takes. */
    public static final class FrameTooLargeException extends ProtocolException {
        private final long length;

        FrameTooLargeException(long length, int max) {
            super("frame of " + length + " bytes is over the limit of " + max);
            this.length = length;
        }

        /** The announced length, for {@link FrameInput#skip}. */
        public long length() {
            return length;
        }
    }
}
