package org.slotmail.sync.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.DeletedMailbox;
import org.slotmail.store.replica.MailReplica;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;

/**
 * A replica reached over the sync protocol, seen as a {@link MailReplica} so verify and
 * split-brain reconciliation work the same on a remote slot as on a local store. Message bytes
 * fetched from it pass through a temporary file (never whole in memory) and are re-hashed by
 * whichever store receives them; bytes sent to it are held in temporary files until {@link
 * #apply} streams them ahead of the updates. Not thread-safe: one session, one caller.
 */
public final class RemoteReplica implements MailReplica, AutoCloseable {
    private final ReplicaSession session;
    private final boolean ownsSession;
    private final Path spool;
    private final Map<Guid, Long> fetchedSizes = new HashMap<>();

    /** Over {@code session}, which {@link #close} closes. */
    public RemoteReplica(ReplicaSession session) throws IOException {
        this(session, true);
    }

    private RemoteReplica(ReplicaSession session, boolean ownsSession) throws IOException {
        this.session = session;
        this.ownsSession = ownsSession;
        this.spool = Files.createTempDirectory("slotmail-remote-replica");
    }

    /** Over a session that stays its owner's: {@link #close} removes only the temporary files. */
    static RemoteReplica borrowing(ReplicaSession session) throws IOException {
        return new RemoteReplica(session, false);
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.run();
        } catch (IOException e) {
            throw new UncheckedIOException("replica: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T run() throws IOException;
    }

    @Override
    public List<MailboxState> states(Collection<MailboxId> ids) {
        return io(() -> session.states(ids));
    }

    @Override
    public List<MailboxState> mailboxesOf(long accountId) {
        return io(() -> session.mailboxesOf(accountId));
    }

    @Override
    public List<AccountState> accounts() {
        return io(session::accounts);
    }

    @Override
    public Optional<AccountState> account(long accountId) {
        return io(() -> session.accountStates(List.of(accountId))).stream().findFirst();
    }

    @Override
    public Optional<MailboxChanges> changesSince(MailboxId id, long since) {
        return io(() -> session.changesSince(id, since));
    }

    @Override
    public List<DeletedMailbox> deletedMailboxes(long accountId) {
        return io(() -> session.deletedMailboxes(accountId));
    }

    @Override
    public Set<Guid> missingBlobs(Collection<Guid> guids) {
        return io(() -> session.missingBlobs(guids));
    }

    /** Fetches the bytes into a temporary file and streams them from there; the file goes on close. */
    @Override
    public InputStream blob(Guid guid) throws IOException {
        Path file = Files.createTempFile(spool, "fetched", ".eml");
        boolean found;
        try (OutputStream out = Files.newOutputStream(file)) {
            found = session.fetchBlob(guid, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        if (!found) {
            Files.deleteIfExists(file);
            throw new NoSuchFileException("the replica lacks message " + guid);
        }
        fetchedSizes.put(guid, Files.size(file));
        return Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE);
    }

    /** The size of bytes fetched with {@link #blob} (which a copy always calls first). */
    @Override
    public long blobSize(Guid guid) {
        Long size = fetchedSizes.get(guid);
        if (size == null)
            throw new MailboxException(MailboxException.Reason.NONEXISTENT, "fetch message " + guid + " first");
        return size;
    }

    /** Holds the bytes in a temporary file until {@link #apply} sends them. */
    @Override
    public StagedMessage receiveBlob(Guid expected, InputStream bytes, long size) throws IOException {
        Path file = Files.createTempFile(spool, "outgoing", ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            long copied = bytes.transferTo(out);
            if (copied != size) throw new IOException("expected " + size + " bytes of " + expected + ", got " + copied);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return new Outgoing(expected, size, file);
    }

    /** Bytes waiting to be sent to the replica. */
    private record Outgoing(Guid guid, long size, Path file) implements StagedMessage {
        /** Parsed from the held file on demand (nothing on the way to a replica asks for it). */
        @Override
        public MessageSummary summary() {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                return MessageSummary.parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read held bytes of " + guid, e);
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind; the spool directory goes on close
            }
        }
    }

    /** Streams the held bytes first (the replica re-hashes them), then applies the updates there. */
    @Override
    public List<ApplyResult> apply(List<ReplicaUpdate> updates, Collection<StagedMessage> blobs, boolean queue) {
        var files = new HashMap<Guid, Outgoing>();
        for (StagedMessage m : blobs) {
            if (!(m instanceof Outgoing o))
                throw new IllegalArgumentException("bytes were not received by this replica");
            files.put(o.guid(), o);
        }
        return io(() -> {
            if (!files.isEmpty()) {
                Map<Guid, String> refused = session.putBlobs(new ArrayList<>(files.keySet()), new BlobSource() {
                    @Override
                    public long size(Guid guid) {
                        return files.get(guid).size();
                    }

                    @Override
                    public InputStream open(Guid guid) throws IOException {
                        return Files.newInputStream(files.get(guid).file());
                    }
                });
                if (!refused.isEmpty()) throw new IOException("the replica refused message bytes: " + refused);
            }
            return session.apply(updates);
        });
    }

    @Override
    public void close() {
        if (ownsSession) session.close();
        try (var leftovers = Files.list(spool)) {
            for (Path p : leftovers.toList()) Files.deleteIfExists(p);
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            // temporary files only
        }
    }
}
