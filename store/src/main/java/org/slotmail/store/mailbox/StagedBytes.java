package org.slotmail.store.mailbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.blob.BlobLocation;

/**
 * A received message waiting to be stored: in memory or in a spool file. Once its bytes are in
 * a segment the location is remembered, so appending it to several mailboxes stores it once.
 */
final class StagedBytes implements StagedMessage {
    private final Guid guid;
    private final long size;
    private final MessageSummary summary;
    private final byte[] data;
    private final Path file;
    private byte[] summaryBytes;
    private BlobLocation appendedAt;

    StagedBytes(Guid guid, long size, MessageSummary summary, byte[] data, Path file) {
        this.guid = guid;
        this.size = size;
        this.summary = summary;
        this.data = data;
        this.file = file;
    }

    @Override
    public Guid guid() {
        return guid;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public MessageSummary summary() {
        return summary;
    }

    synchronized byte[] summaryBytes() {
        if (summaryBytes == null) summaryBytes = summary.toBytes();
        return summaryBytes;
    }

    byte[] data() {
        return data;
    }

    Path file() {
        return file;
    }

    synchronized BlobLocation appendedAt() {
        return appendedAt;
    }

    synchronized void appendedAt(BlobLocation location) {
        this.appendedAt = location;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // removed at the next start
            }
        }
    }
}
