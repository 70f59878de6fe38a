package org.slotmail.sync.protocol;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.DeletedMailbox;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;

/**
 * Every message of the sync protocol (docs/replication.md). The client (a master's sync client)
 * opens with {@link Hello}; after authentication it sends requests, each answered in order by one
 * reply, or by a run of replies whose last says {@code more = false}, or by a {@link Failure}.
 * Blob bytes travel as {@link BlobChunk}s after a {@link PutBlob} or {@link BlobData} header.
 */
public sealed interface SyncMessage {
    int NONCE_BYTES = 32;
    int PROOF_BYTES = 32;

    // --- handshake ---

    /**
     * Client, first: its protocol version, a fresh nonce, a name for the server's logs, and the
     * largest frame it reads (the server's frames to it stay within that).
     */
    record Hello(int version, byte[] nonce, String peer, int maxFrameBytes) implements SyncMessage {
        public Hello {
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Hello h
                    && h.version == version
                    && Arrays.equals(h.nonce, nonce)
                    && h.peer.equals(peer)
                    && h.maxFrameBytes == maxFrameBytes;
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, Arrays.hashCode(nonce), peer, maxFrameBytes);
        }

        @Override
        public String toString() {
            return "Hello[version=" + version + ", peer=" + peer + ", maxFrameBytes=" + maxFrameBytes + "]";
        }
    }

    /** Server: the version it will speak, its own fresh nonce, and the largest frame it reads. */
    record Challenge(int version, byte[] nonce, int maxFrameBytes) implements SyncMessage {
        public Challenge {
            nonce = nonce.clone();
        }

        @Override
        public byte[] nonce() {
            return nonce.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Challenge c
                    && c.version == version
                    && Arrays.equals(c.nonce, nonce)
                    && c.maxFrameBytes == maxFrameBytes;
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, Arrays.hashCode(nonce), maxFrameBytes);
        }

        @Override
        public String toString() {
            return "Challenge[version=" + version + ", maxFrameBytes=" + maxFrameBytes + "]";
        }
    }

    /** Client: its proof of the secret over both nonces (and the TLS session). */
    record Authenticate(byte[] proof) implements SyncMessage {
        public Authenticate {
            proof = proof.clone();
        }

        @Override
        public byte[] proof() {
            return proof.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Authenticate a && Arrays.equals(a.proof, proof);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(proof);
        }

        @Override
        public String toString() {
            return "Authenticate[***]";
        }
    }

    /** Server: the client is in; here is the server's own proof, which the client checks before going on. */
    record Welcome(byte[] proof) implements SyncMessage {
        public Welcome {
            proof = proof.clone();
        }

        @Override
        public byte[] proof() {
            return proof.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Welcome w && Arrays.equals(w.proof, proof);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(proof);
        }

        @Override
        public String toString() {
            return "Welcome[***]";
        }
    }

    // --- requests (client to server) ---

    /** Answered by {@link Pong} with the same token. */
    record Ping(long token) implements SyncMessage {}

    /** The states of these mailboxes; answered by {@link States} (absent ones left out). */
    record GetStates(List<MailboxId> ids) implements SyncMessage {
        public GetStates {
            ids = List.copyOf(ids);
        }
    }

    /** Every mailbox of an account; answered by {@link States}. */
    record GetMailboxesOf(long accountId) implements SyncMessage {}

    /** Every account the server's store has; answered by {@link Accounts}. */
    record GetAccounts() implements SyncMessage {}

    /** These accounts' states; answered by {@link Accounts} (absent ones left out). */
    record GetAccountStates(List<Long> accountIds) implements SyncMessage {
        public GetAccountStates {
            accountIds = List.copyOf(accountIds);
        }
    }

    /**
     * A mailbox's records and tombstones with MODSEQ above {@code since} (0: all of them);
     * answered by {@link Changes} parts, or {@link NotFound}.
     */
    record GetChanges(MailboxId id, long since) implements SyncMessage {}

    /** The deleted mailboxes an account's store remembers; answered by {@link DeletedMailboxes}. */
    record GetDeletedMailboxes(long accountId) implements SyncMessage {}

    /** Which of these blobs the server lacks; answered by {@link MissingBlobs}. */
    record GetMissingBlobs(List<Guid> guids) implements SyncMessage {
        public GetMissingBlobs {
            guids = List.copyOf(guids);
        }
    }

    /**
     * A message's bytes follow: {@link BlobChunk}s adding up to exactly {@code size}, or cut short
     * by a {@link BlobAbort}. No reply of its own: {@link BlobsDone} collects the outcome.
     */
    record PutBlob(Guid guid, long size) implements SyncMessage {}

    /** Ends a run of {@link PutBlob}s; answered by {@link BlobsStored}. */
    record BlobsDone() implements SyncMessage {}

    /** Updates to apply in order (with the blobs sent since the last apply); answered by {@link Applied}. */
    record Apply(List<ReplicaUpdate> updates) implements SyncMessage {
        public Apply {
            updates = List.copyOf(updates);
        }
    }

    /** A message's bytes from the server; answered by {@link BlobData} and chunks, or {@link NotFound}. */
    record FetchBlob(Guid guid) implements SyncMessage {}

    /**
     * What the server's store changed as a master and no replica confirmed (a former master
     * rejoining); answered by {@link UnshippedChanges} parts. The server remembers what it
     * reported, for {@link ForgetUnshipped}.
     */
    record GetUnshipped() implements SyncMessage {}

    /**
     * Those changes were reconciled: drop what the last {@link GetUnshipped} of this session
     * reported from the server's queues. Only a replica takes it; answered by {@link Forgotten}.
     */
    record ForgetUnshipped() implements SyncMessage {}

    // --- blob bytes (either direction) ---

    /** Some of a blob's bytes. The array is the chunk's own: neither side changes it once made. */
    record BlobChunk(byte[] data) implements SyncMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof BlobChunk c && Arrays.equals(c.data, data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "BlobChunk[" + data.length + " bytes, " + HexFormat.of().formatHex(data, 0, Math.min(8, data.length))
                    + "…]";
        }
    }

    /** The sender could not read the rest of a blob it started (damaged on its side): discard it. */
    record BlobAbort(String reason) implements SyncMessage {}

    // --- replies (server to client) ---

    record Pong(long token) implements SyncMessage {}

    /** Mailbox states; {@code more} says another part follows. */
    record States(List<MailboxState> states, boolean more) implements SyncMessage {
        public States {
            states = List.copyOf(states);
        }
    }

    record Accounts(List<AccountState> accounts, boolean more) implements SyncMessage {
        public Accounts {
            accounts = List.copyOf(accounts);
        }
    }

    /**
     * One part of a mailbox's changes: every part repeats the state (read from the same view);
     * records and tombstones are spread over the parts.
     */
    record Changes(
            MailboxState state, long since, List<ReplicatedMessage> records, List<Tombstone> expunged, boolean more)
            implements SyncMessage {
        public Changes {
            records = List.copyOf(records);
            expunged = List.copyOf(expunged);
        }
    }

    /** The mailbox or blob asked for does not exist here. */
    record NotFound(String what) implements SyncMessage {}

    record DeletedMailboxes(List<DeletedMailbox> mailboxes, boolean more) implements SyncMessage {
        public DeletedMailboxes {
            mailboxes = List.copyOf(mailboxes);
        }
    }

    record MissingBlobs(List<Guid> guids, boolean more) implements SyncMessage {
        public MissingBlobs {
            guids = List.copyOf(guids);
        }
    }

    /** The blobs of the run that were not kept, with why (their bytes did not match the GUID, ...). */
    record BlobsStored(List<RefusedBlob> refused) implements SyncMessage {
        public BlobsStored {
            refused = List.copyOf(refused);
        }
    }

    /** One refused blob. */
    record RefusedBlob(Guid guid, String reason) {}

    /** One result per update of the {@link Apply}, in order. */
    record Applied(List<ApplyResult> results) implements SyncMessage {
        public Applied {
            results = List.copyOf(results);
        }
    }

    /** A blob's bytes follow as {@link BlobChunk}s adding up to {@code size} (or a {@link BlobAbort}). */
    record BlobData(Guid guid, long size) implements SyncMessage {}

    /** The mailboxes and accounts of the server's unshipped changes; {@code more} says another part follows. */
    record UnshippedChanges(List<MailboxId> mailboxes, List<Long> accounts, boolean more) implements SyncMessage {
        public UnshippedChanges {
            mailboxes = List.copyOf(mailboxes);
            accounts = List.copyOf(accounts);
        }
    }

    /** The unshipped changes reported are gone from the server's queues. */
    record Forgotten() implements SyncMessage {}

    /** The request failed; {@code message} says why. */
    record Failure(ErrorCode code, String message) implements SyncMessage {}
}
