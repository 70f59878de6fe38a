package org.slotmail.mailbox;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slotmail.mail.MessageSummary;

/**
 * One open mailbox, held by its id so it stays the same mailbox across renames. Every write is
 * durable when the call returns. Reads see the last committed state.
 */
public interface Mailbox {
    MailboxId id();

    /** The current state; throws NONEXISTENT once the mailbox was deleted. */
    MailboxInfo info();

    AppendResult append(StagedMessage message, Flags flags, Instant internalDate);

    /** The records with these UIDs that exist, in UID order. */
    List<MessageRecord> fetch(UidSet uids);

    /** Records by position (1-based, inclusive) in UID order, as IMAP message sequence numbers. */
    List<MessageRecord> fetchBySequence(long first, long last);

    /** Every UID in the mailbox, ascending. */
    long[] uids();

    /** The envelope and body structure cached at delivery. */
    MessageSummary summary(long uid);

    /**
     * The cached summaries of the messages with these UIDs that exist, by UID, read in one pass:
     * what a FETCH of ENVELOPE or BODYSTRUCTURE over many messages needs. Iterates in ascending
     * UID order.
     */
    java.util.Map<Long, MessageSummary> summaries(UidSet uids);

    /** The exact bytes of a message, checked against its GUID: damage raises CORRUPTED. */
    InputStream content(long uid);

    StoreResult store(UidSet uids, FlagUpdate update, OptionalLong unchangedSince);

    CopyResult copy(UidSet uids, MailboxName target);

    CopyResult move(UidSet uids, MailboxName target);

    /** Expunges the messages flagged \Deleted (only those in {@code uids} when given); returns their UIDs. */
    List<Long> expunge(Optional<UidSet> uids);

    Changes changesSince(long modSeq);

    /** Registers a listener for committed changes; close the handle to stop. */
    AutoCloseable listen(MailboxListener listener);
}
