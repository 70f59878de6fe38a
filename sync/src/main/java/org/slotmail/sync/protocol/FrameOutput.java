package org.slotmail.sync.protocol;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes frames (see {@link FrameInput}). Nothing leaves until {@link #flush()}: a request made of
 * many frames (blobs, then an apply) goes out in as few TCP segments as the buffer allows.
 */
public final class FrameOutput {
    private final OutputStream out;
    private final int maxFrameBytes;
    private long bytesWritten;

    /** {@code out} should be buffered; this class writes each frame's header and body separately. */
    public FrameOutput(OutputStream out, int maxFrameBytes) {
        this.out = out;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * Queues one message.
     *
     * @throws IllegalArgumentException the message is larger than a frame may be; the sender must
     *     split its work (a bug on this side, nothing was written)
     */
    public void write(SyncMessage message) throws IOException {
        byte[] body = MessageCodec.encode(message);
        if (body.length > maxFrameBytes) {
            throw new IllegalArgumentException(message.getClass().getSimpleName() + " of " + body.length
                    + " bytes does not fit a frame of " + maxFrameBytes);
        }
        int n = body.length;
        out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(body);
        bytesWritten += 4L + n;
    }

    /** Queues a {@link SyncMessage.BlobChunk} of {@code bytes[off, off+len)} without copying them. */
    public void writeChunk(byte[] bytes, int off, int len) throws IOException {
        byte[] head = MessageCodec.chunkHeader(len);
        int n = head.length + len;
        if (n > maxFrameBytes) throw new IllegalArgumentException("chunk of " + len + " bytes does not fit a frame");
        out.write(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        out.write(head);
        out.write(bytes, off, len);
        bytesWritten += 4L + n;
    }

    public void flush() throws IOException {
        out.flush();
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public long bytesWritten() {
        return bytesWritten;
    }
}
