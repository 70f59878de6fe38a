package org.slotmail.store.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MessageWriter;
import org.slotmail.mailbox.StagedMessage;

/**
 * A message arriving: bytes are hashed as they come, kept in memory while small and spilled to a
 * file in the slot's spool directory once large, so no message is ever held whole in memory.
 */
final class IncomingMessage implements MessageWriter {
    private final Path spoolDir;
    private final int memoryLimit;
    private final MessageDigest sha = sha256();
    private final ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean finished;

    private final OutputStream body = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (finished) throw new IOException("message already finished");
            sha.update(b, off, len);
            size += len;
            if (fileOut == null && memory.size() + len > memoryLimit) spill();
            if (fileOut != null) fileOut.write(b, off, len);
            else memory.write(b, off, len);
        }
    };

    IncomingMessage(Path spoolDir, int memoryLimit) {
        this.spoolDir = spoolDir;
        this.memoryLimit = memoryLimit;
    }

    private void spill() throws IOException {
        file = Files.createTempFile(spoolDir, "incoming-", ".eml");
        fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        memory.writeTo(fileOut);
        memory.reset();
    }

    @Override
    public OutputStream body() {
        return body;
    }

    @Override
    public StagedMessage finish() throws IOException {
        if (finished) throw new IOException("message already finished");
        finished = true;
        var guid = Guid.of(sha.digest());
        if (fileOut != null) {
            fileOut.close();
            fileOut = null;
            Path staged = file;
            file = null; // now owned by the staged message
            return new StagedBytes(guid, size, null, staged);
        }
        return new StagedBytes(guid, size, memory.toByteArray(), null);
    }

    @Override
    public void close() {
        finished = true;
        try {
            if (fileOut != null) fileOut.close();
            if (file != null) Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Spool files left behind are removed when the store next opens.
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
