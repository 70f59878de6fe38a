package org.slotmail.store.replica;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.StagedMessage;

/**
 * One side of replication: a store's accounts, mailboxes, records and message bytes as sync
 * reads and writes them. A local store ({@link ReplicaStore}) or a replica reached over the sync
 * protocol; reconciliation and verify work on either. Every read is one consistent view; every
 * {@link #apply} is durable when it returns.
 */
public interface MailReplica {
    // --- reads (both sides) ---

    /** The states of these mailboxes; a mailbox this store does not have is simply absent. */
    List<MailboxState> states(Collection<MailboxId> ids);

    /** Every mailbox of an account (for name checks and full comparisons). */
    List<MailboxState> mailboxesOf(long accountId);

    /** Every account this store has mail for. */
    List<AccountState> accounts();

    Optional<AccountState> account(long accountId);

    /**
     * The mailbox's state, its live records with MODSEQ above {@code since} and its tombstones
     * above {@code since}, from one view; empty when it does not exist.
     */
    Optional<MailboxChanges> changesSince(MailboxId id, long since);

    /**
     * As {@link #changesSince(MailboxId, long)}, but records with a UID below {@code
     * summariesFromUid} come without their summary: a replica whose UIDNEXT is above them already
     * holds those messages (they changed flags), and keeps its own summaries of them.
     */
    default Optional<MailboxChanges> changesSince(MailboxId id, long since, long summariesFromUid) {
        return changesSince(id, since);
    }

    /** Deleted mailboxes this store remembers (for split-brain reconciliation). */
    List<DeletedMailbox> deletedMailboxes(long accountId);

    /** The GUIDs among these whose bytes this store lacks. */
    Set<Guid> missingBlobs(Collection<Guid> guids);

    /**
     * The exact bytes of a message, streamed; checked against the GUID before they are handed out.
     * {@link java.nio.file.NoSuchFileException} when this store lacks them; damaged bytes raise
     * {@code MailboxException} CORRUPTED.
     */
    InputStream blob(Guid guid) throws IOException;

    /** The size in bytes of a stored message (for framing a transfer); NONEXISTENT when it lacks them. */
    long blobSize(Guid guid);

    // --- writes ---

    /**
     * Receives a message's bytes: reads exactly {@code size} bytes from {@code bytes}, hashing them
     * as they arrive (kept in memory while small, spooled to disk when large), and refuses them
     * (IOException) when the stream ends early or the SHA-256 is not {@code expected}. The result
     * is handed to {@link #apply} and closed after.
     */
    StagedMessage receiveBlob(Guid expected, InputStream bytes, long size) throws IOException;

    /**
     * Applies updates in order, each atomically (a failing one is left out alone), all in one
     * durable commit; returns one result per update, in order. {@code blobs} holds bytes received
     * for records that need them. An account's {@link ReplicaUpdate.Account} must come before (or
     * in an earlier batch than) its mailboxes. On a replica the changes are not queued on its
     * channels; with {@code queue} true (a master writing a reconciliation's outcome) they are,
     * like any change. Mailbox listeners hear of every change either way. Throws {@code
     * MailboxException} when the commit itself fails: then nothing was applied.
     */
    List<ApplyResult> apply(List<ReplicaUpdate> updates, Collection<StagedMessage> blobs, boolean queue);
}
