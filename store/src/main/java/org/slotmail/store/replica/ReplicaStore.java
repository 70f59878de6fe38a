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
 * A slot's store as replication sees it. On a master the sync client reads states, changes,
 * bytes and its channel queue; on a replica the sync server answers the same reads and applies
 * {@link ReplicaUpdate}s. Every read is one consistent view; every {@link #apply} is durable when
 * it returns.
 */
public interface ReplicaStore {
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

    // --- the channel queues (master side) ---

    /** Up to {@code max} oldest entries of a channel's queue, in order. */
    List<QueuedChange> pending(String channel, int max);

    /** Removes every entry of the channel up to and including {@code seq}: the replica confirmed them. */
    void acknowledge(String channel, long seq);

    Backlog backlog(String channel);

    /** Sets a change aside on a channel (durably), replacing an earlier parking of the same change. */
    void park(String channel, ParkedChange parked);

    /** The changes set aside on a channel. */
    List<ParkedChange> parked(String channel);

    /** Takes a change off the set-aside list (it replicated, or it is queued again). */
    void unpark(String channel, org.slotmail.store.record.ChangeEntry change);

    /**
     * Calls {@code wake} (quickly, on the commit thread) after every commit that queued entries,
     * before that commit's writers are answered. Close the handle to stop.
     */
    AutoCloseable onQueued(Runnable wake);
}
