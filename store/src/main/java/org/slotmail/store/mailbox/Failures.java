package org.slotmail.store.mailbox;

import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.store.blob.BlobCorruptedException;
import org.slotmail.store.kv.KvException;
import org.slotmail.store.record.RecordCorruptedException;

/** Turns storage failures into the mailbox API's errors at the API boundary; damage is logged. */
final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (MailboxException e) {
            throw e;
        } catch (RecordCorruptedException | BlobCorruptedException e) {
            log.atError()
                    .setMessage("damaged data refused: {}")
                    .addArgument(e.getMessage())
                    .log();
            throw new MailboxException(Reason.CORRUPTED, "stored data is damaged: " + e.getMessage(), e);
        } catch (KvException e) {
            if (e.corruption()) {
                log.atError()
                        .setMessage("damaged metadata refused: {}")
                        .addArgument(e.getMessage())
                        .log();
                throw new MailboxException(Reason.CORRUPTED, "stored metadata is damaged", e);
            }
            throw new MailboxException(Reason.STORAGE_FAILURE, e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MailboxException(Reason.STORAGE_FAILURE, "storage I/O failed: " + e.getMessage(), e);
        }
    }

    static void guard(Runnable action) {
        guard(() -> {
            action.run();
            return null;
        });
    }
}
