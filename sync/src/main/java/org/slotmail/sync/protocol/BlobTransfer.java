package org.slotmail.sync.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Streams one message's bytes as chunk frames behind a header ({@link SyncMessage.PutBlob} from a
 * client, {@link SyncMessage.BlobData} from a server), never holding the whole message in memory.
 */
public final class BlobTransfer {
    /** Bytes per chunk frame: big enough to keep frames few, small enough to keep buffers small. */
    public static final int CHUNK_BYTES = 64 * 1024;

    private BlobTransfer() {}

    /**
     * Writes {@code header}, then {@code size} bytes from {@code source} as chunks. When the source
     * fails or ends early (the sender's own copy is damaged) the rest is replaced by a {@link
     * SyncMessage.BlobAbort} and the reason returned: the connection stays usable. A failure to
     * write is thrown: the connection is not.
     */
    public static Optional<String> send(FrameOutput out, SyncMessage header, long size, InputStream source)
            throws IOException {
        out.write(header);
        byte[] buf = new byte[(int) Math.min(CHUNK_BYTES, Math.max(1, size))];
        long left = size;
        while (left > 0) {
            int n;
            try {
                n = source.readNBytes(buf, 0, (int) Math.min(buf.length, left));
            } catch (IOException | RuntimeException e) {
                String reason = "cannot read the message here: " + e.getMessage();
                out.write(new SyncMessage.BlobAbort(reason));
                return Optional.of(reason);
            }
            if (n == 0) {
                String reason = "the message here is " + (size - left) + " bytes, not " + size;
                out.write(new SyncMessage.BlobAbort(reason));
                return Optional.of(reason);
            }
            out.writeChunk(buf, 0, n);
            left -= n;
        }
        return Optional.empty();
    }

    /** The bytes of a blob as they arrive, after its header has been read. */
    public static Incoming receive(FrameInput in, long size) {
        return new Incoming(in, size);
    }

    /**
     * Reads a blob's chunk frames as a stream of exactly the announced size. The sender giving up
     * ({@link SyncMessage.BlobAbort}) is an {@link AbortedException}; more bytes than announced or
     * another message in between is a {@link ProtocolException}. Whatever the consumer does,
     * {@link #finish()} then reads past the rest of the blob's frames, so the next message is in
     * step, or says the connection is lost.
     */
    public static final class Incoming extends InputStream {
        private final FrameInput in;
        private final long size;
        private long received;
        private byte[] chunk = new byte[0];
        private int pos;
        private boolean aborted;
        private IOException broken;

        private Incoming(FrameInput in, long size) {
            this.in = in;
            this.size = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            while (pos == chunk.length) {
                if (received == size) return -1;
                nextChunk();
            }
            int n = Math.min(len, chunk.length - pos);
            System.arraycopy(chunk, pos, b, off, n);
            pos += n;
            return n;
        }

        private void nextChunk() throws IOException {
            if (aborted) throw new AbortedException("the sender gave up on this message");
            if (broken != null) throw broken;
            SyncMessage m;
            try {
                m = in.read();
            } catch (IOException e) {
                broken = e;
                throw e;
            }
            switch (m) {
                case SyncMessage.BlobChunk(byte[] data) -> {
                    if (data.length > size - received) {
                        broken = new ProtocolException("blob longer than the " + size + " bytes announced");
                        throw broken;
                    }
                    chunk = data;
                    pos = 0;
                    received += data.length;
                }
                case SyncMessage.BlobAbort(String reason) -> {
                    aborted = true;
                    throw new AbortedException("the sender gave up on this message: " + reason);
                }
                default -> {
                    broken = new ProtocolException(
                            "expected blob bytes, got " + m.getClass().getSimpleName());
                    throw broken;
                }
            }
        }

        /**
         * Reads past whatever is left of the blob. Returns quietly when the stream is in step
         * again; throws when it cannot be (the connection failed or the peer broke the protocol).
         */
        public void finish() throws IOException {
            if (broken != null) throw broken;
            try {
                while (!aborted && (received < size || pos < chunk.length)) {
                    pos = chunk.length;
                    if (received < size) nextChunk();
                }
            } catch (AbortedException e) {
                // In step again: the abort was the blob's last frame.
            }
        }

        /** Whether the sender cut the blob short. */
        public boolean aborted() {
            return aborted;
        }

        /** Whether the failure seen, if any, was the connection's (not the blob's). */
        public boolean connectionBroken() {
            return broken != null;
        }
    }

    /** The sender of a blob cut it short; the connection is fine. */
    public static final class AbortedException extends IOException {
        AbortedException(String message) {
            super(message);
        }
    }
}
