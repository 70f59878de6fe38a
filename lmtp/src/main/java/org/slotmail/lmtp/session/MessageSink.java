package org.slotmail.lmtp.session;

import java.io.IOException;
import java.io.OutputStream;
import org.slotmail.mailbox.MailStore;
import org.slotmail.mailbox.MessageWriter;
import org.slotmail.mailbox.StagedMessage;

/**
 * Where DATA goes: the store's {@link MessageWriter}, until the message grows past the size limit
 * or the store fails. Then the bytes are dropped, the writer is discarded, and writing goes on
 * without error, so the session still reads the DATA block to its end and stays in step with the
 * client. Closing discards whatever was not finished.
 */
final class MessageSink extends OutputStream {
    /** What became of the message once its last byte arrived. */
    sealed interface Outcome {
        /** Complete and staged in the store, ready to deliver. */
        record Ready(StagedMessage message) implements Outcome {}

        /** Larger than the limit; nothing kept. */
        record TooLarge(long size) implements Outcome {}

        /** The store failed while receiving it; nothing kept. */
        record Failed(Exception cause) implements Outcome {}
    }

    private final long maxSize;
    private MessageWriter writer;
    private long size;
    private boolean tooLarge;
    private Exception failure;

    MessageSink(MailStore store, long maxSize) {
        this.maxSize = maxSize;
        try {
            writer = store.newMessage();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Writes bytes of our own (the trace headers), which do not count against the client's size limit. */
    void writeOwn(byte[] bytes) {
        pass(bytes, 0, bytes.length);
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        size += len;
        if (size > maxSize && !tooLarge) {
            tooLarge = true;
            discard();
        }
        pass(b, off, len);
    }

    private void pass(byte[] b, int off, int len) {
        if (writer == null) return;
        try {
            writer.body().write(b, off, len);
        } catch (IOException | RuntimeException e) {
            failure = e;
            discard();
        }
    }

    /** Bytes the client sent, after unstuffing. */
    long size() {
        return size;
    }

    /** Ends the message; call once, after the last byte. */
    Outcome finish() {
        if (tooLarge) return new Outcome.TooLarge(size);
        if (failure != null) return new Outcome.Failed(failure);
        try {
            writer.body().flush();
            return new Outcome.Ready(writer.finish());
        } catch (IOException | RuntimeException e) {
            discard();
            return new Outcome.Failed(e);
        }
    }

    private void discard() {
        if (writer == null) return;
        try {
            writer.close();
        } catch (RuntimeException e) {
            // Discarding is best effort; the store removes leftover spool files itself.
        }
        writer = null;
    }

    /** Discards the message unless {@link #finish()} staged it. */
    @Override
    public void close() {
        discard();
    }
}
