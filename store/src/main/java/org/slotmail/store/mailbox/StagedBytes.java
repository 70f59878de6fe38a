package org.slotmail.store.mailbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.blob.BlobLocation;

/**
 * A received message waiting to be stored: in memory or in a spool file. Once its bytes are in
 * a segment the location is remembered, so appending it to several mailboxes stores it once.
 *
 * <p>Its summary is parsed when first asked for, not when the bytes arrive: a replica receives
 * every message with the summary its master parsed, and parsing it again cost about a fifth of a
 * replica's CPU at 1,000 deliveries a second (docs/benchmarks.md, "Replication").
 */
final class StagedBytes implements StagedMessage {
    private final Guid guid;
    private final long size;
    private MessageSummary summary; // parsed on first use
    private final byte[] data;
    private final Path file;
    private byte[] summaryBytes;
    private BlobLocation appendedAt;

    /** Bytes in memory ({@code data}) or in a spool file this object now owns ({@code file}). */
    StagedBytes(Guid guid, long size, byte[] data, Path file) {
        this.guid = guid;
        this.size = size;
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
    public synchronized MessageSummary summary() {
        if (summary == null) summary = parse();
        return summary;
    }

    /** Whether the summary was parsed yet (tests: a replica's received bytes never are). */
    synchronized boolean summaryParsed() {
        return summary != null;
    }

    synchronized byte[] summaryBytes() {
        if (summaryBytes == null) summaryBytes = summary().toBytes();
        return summaryBytes;
    }

    private MessageSummary parse() {
        try (InputStream in = data != null
                ? new ByteArrayInputStream(data)
                : new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return MessageSummary.parse(in);
        } catch (IOException e) {
            throw new MailboxException(Reason.STORAGE_FAILURE, "cannot read the received message " + guid, e);
        }
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
