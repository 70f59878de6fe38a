package org.slotmail.sync.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.net.Connection;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.Unshipped;
import org.slotmail.sync.protocol.BlobTransfer;
import org.slotmail.sync.protocol.ErrorCode;
import org.slotmail.sync.protocol.FrameInput;
import org.slotmail.sync.protocol.FrameInput.FrameTooLargeException;
import org.slotmail.sync.protocol.FrameOutput;
import org.slotmail.sync.protocol.Handshake;
import org.slotmail.sync.protocol.MessageCodec;
import org.slotmail.sync.protocol.Parts;
import org.slotmail.sync.protocol.ProtocolException;
import org.slotmail.sync.protocol.SyncMessage;
import org.slotmail.sync.protocol.SyncMessage.*;
import org.slotmail.sync.protocol.TlsBinding;

/**
 * One client connection of a {@link SyncServer}, on its own virtual thread: the handshake, then
 * requests answered in order until the client leaves. A request the store cannot serve gets a
 * {@link Failure} and the session goes on; bytes that break the protocol get a Failure and the
 * connection is closed. Blobs received are held until the next apply and closed after it, or
 * when the connection ends.
 */
final class ServerSession {
    private static final Logger log = LoggerFactory.getLogger(ServerSession.class);
    /** A frame too large is skipped (and answered) up to this many times the limit; beyond, the peer is not trusted. */
    private static final int SKIPPABLE_FACTOR = 8;

    private static final String NOT_ACCEPTING = "this slot does not accept updates (it is not a replica now)";

    private final Connection connection;
    private final ReplicaStore store;
    private final SyncServerSettings settings;
    private final BooleanSupplier acceptsUpdates;
    private final FrameInput in;
    private final OutputStream sink;
    // Both set again once the handshake has agreed on the client's frame limit.
    private FrameOutput out;
    private int replyBudget;
    private final List<StagedMessage> staged = new ArrayList<>();
    private long stagedBytes;
    private final List<RefusedBlob> refused = new ArrayList<>();
    /** A blob of this run was refused because the slot does not accept updates: the run's answer says so. */
    private boolean refusedForRole;

    private String peer = "?";
    /** What this session's last GetUnshipped reported: what a ForgetUnshipped drops. */
    private Unshipped reportedUnshipped = Unshipped.NONE;

    ServerSession(
            Connection connection, ReplicaStore store, SyncServerSettings settings, BooleanSupplier acceptsUpdates) {
        this.connection = connection;
        this.store = store;
        this.settings = settings;
        this.acceptsUpdates = acceptsUpdates;
        this.in = new FrameInput(input(connection), settings.maxFrameBytes());
        this.sink = output(connection);
        this.out = new FrameOutput(sink, settings.maxFrameBytes());
        // Replies are cut into parts by estimate; half a frame leaves room for estimates that are low.
        this.replyBudget = settings.maxFrameBytes() / 2;
    }

    void run() throws IOException {
        try {
            byte[] binding = TlsBinding.of(connection
                    .tlsSession()
                    .orElseThrow(() -> new SSLException("the sync server must run on a TLS listener")));
            try {
                Handshake.Agreed agreed =
                        Handshake.asServer(in, out, settings.secret(), binding, settings.maxFrameBytes());
                peer = agreed.peer();
                out = new FrameOutput(sink, agreed.maxFrameToPeer());
                replyBudget = agreed.maxFrameToPeer() / 2;
            } catch (Handshake.AuthenticationException e) {
                log.atWarn()
                        .setMessage("sync client refused: it does not know the replication secret")
                        .addKeyValue("client", connection.remoteAddress())
                        .log();
                return;
            }
            log.atInfo()
                    .setMessage("sync client connected")
                    .addKeyValue("client", connection.remoteAddress())
                    .addKeyValue("peer", peer)
                    .log();
            serve();
        } catch (ProtocolException e) {
            log.atDebug()
                    .setMessage("sync client broke the protocol")
                    .addKeyValue("client", connection.remoteAddress())
                    .addKeyValue("error", e.getMessage())
                    .log();
            tryToSay(new Failure(ErrorCode.PROTOCOL, e.getMessage()));
        } finally {
            discardStaged();
        }
    }

    private void serve() throws IOException {
        while (true) {
            SyncMessage request;
            connection.awaitingCommand(true);
            try {
                request = in.read();
            } catch (EOFException e) {
                if (!connection.stopping()) log.debug("sync client {} left", peer);
                return;
            } catch (FrameTooLargeException e) {
                if (e.length() > (long) SKIPPABLE_FACTOR * settings.maxFrameBytes()) throw e;
                connection.awaitingCommand(false);
                in.skip(e.length());
                reply(new Failure(ErrorCode.TOO_LARGE, e.getMessage()));
                continue;
            } finally {
                connection.awaitingCommand(false);
            }
            handle(request);
            out.flush();
            if (connection.stopping()) return;
        }
    }

    private void handle(SyncMessage request) throws IOException {
        try {
            switch (request) {
                case Ping(long token) -> reply(new Pong(token));
                case GetStates(var ids) -> states(store.states(ids));
                case GetMailboxesOf(long account) -> states(store.mailboxesOf(account));
                case GetAccounts() -> accounts(store.accounts());
                case GetAccountStates(var ids) -> {
                    var found = new ArrayList<AccountState>();
                    for (long id : ids) store.account(id).ifPresent(found::add);
                    accounts(found);
                }
                case GetChanges(var id, long since) -> changes(store.changesSince(id, since));
                case GetDeletedMailboxes(long account) -> {
                    var parts = Parts.split(store.deletedMailboxes(account), Parts::sizeOf, replyBudget);
                    for (int i = 0; i < parts.size(); i++) {
                        reply(new DeletedMailboxes(parts.get(i), i < parts.size() - 1));
                    }
                }
                case GetMissingBlobs(var guids) -> {
                    var parts = Parts.split(List.copyOf(store.missingBlobs(guids)), g -> 32, replyBudget);
                    for (int i = 0; i < parts.size(); i++) reply(new MissingBlobs(parts.get(i), i < parts.size() - 1));
                }
                case PutBlob(Guid guid, long size) -> receive(guid, size);
                case BlobsDone() -> {
                    if (refusedForRole) {
                        reply(new Failure(ErrorCode.NOT_ACCEPTING, NOT_ACCEPTING));
                    } else {
                        reply(new BlobsStored(refused));
                    }
                    refused.clear();
                    refusedForRole = false;
                }
                case Apply(var updates) -> apply(updates);
                case FetchBlob(Guid guid) -> sendBlob(guid);
                case GetUnshipped() -> {
                    // A master's queue is its own live work, never another master's to reconcile.
                    if (!acceptsUpdates.getAsBoolean()) reply(new Failure(ErrorCode.NOT_ACCEPTING, NOT_ACCEPTING));
                    else unshipped();
                }
                case ForgetUnshipped() -> {
                    if (!acceptsUpdates.getAsBoolean()) {
                        reply(new Failure(ErrorCode.NOT_ACCEPTING, NOT_ACCEPTING));
                    } else {
                        store.forgetUnshipped(reportedUnshipped);
                        log.atInfo()
                                .setMessage("unshipped changes reconciled by the master, forgotten here")
                                .addKeyValue("peer", peer)
                                .addKeyValue(
                                        "mailboxes",
                                        reportedUnshipped.mailboxes().size())
                                .addKeyValue(
                                        "accounts", reportedUnshipped.accounts().size())
                                .log();
                        reportedUnshipped = Unshipped.NONE;
                        reply(new Forgotten());
                    }
                }
                case Hello _, Challenge _, Authenticate _, Welcome _ ->
                    throw new ProtocolException("handshake message after the handshake");
                case BlobChunk _, BlobAbort _ -> throw new ProtocolException("blob bytes without a PutBlob");
                case Pong _,
                        States _,
                        Accounts _,
                        Changes _,
                        NotFound _,
                        DeletedMailboxes _,
                        MissingBlobs _,
                        BlobsStored _,
                        Applied _,
                        BlobData _,
                        UnshippedChanges _,
                        Forgotten _,
                        Failure _ ->
                    throw new ProtocolException(
                            "a reply sent as a request: " + request.getClass().getSimpleName());
            }
        } catch (MailboxException e) {
            log.atWarn()
                    .setMessage("sync request failed in the store")
                    .addKeyValue("request", request.getClass().getSimpleName())
                    .addKeyValue("reason", e.reason())
                    .addKeyValue("error", e.getMessage())
                    .log();
            reply(new Failure(ErrorCode.STORE, e.getMessage()));
        } catch (RuntimeException e) {
            // Our bug or the store's, not the client's: say so, and end the session, whose state
            // can no longer be trusted.
            log.atError()
                    .setMessage("sync request failed")
                    .addKeyValue("request", request.getClass().getSimpleName())
                    .addKeyValue("peer", peer)
                    .setCause(e)
                    .log();
            tryToSay(new Failure(ErrorCode.INTERNAL, "the server failed: " + e));
            throw new IOException("session ended after an internal failure", e);
        }
    }

    private void states(List<org.slotmail.store.replica.MailboxState> states) throws IOException {
        var parts = Parts.split(states, Parts::sizeOf, replyBudget);
        for (int i = 0; i < parts.size(); i++) reply(new States(parts.get(i), i < parts.size() - 1));
    }

    private void accounts(List<AccountState> accounts) throws IOException {
        var parts = Parts.split(accounts, Parts::sizeOf, replyBudget);
        for (int i = 0; i < parts.size(); i++) reply(new Accounts(parts.get(i), i < parts.size() - 1));
    }

    /** Mailboxes first, then accounts, in parts; the last part says {@code more = false}. */
    private void unshipped() throws IOException {
        reportedUnshipped = store.unshipped();
        var mailboxes = Parts.split(List.copyOf(reportedUnshipped.mailboxes()), id -> 16, replyBudget);
        var accounts = Parts.split(List.copyOf(reportedUnshipped.accounts()), id -> 8, replyBudget);
        for (var part : mailboxes) reply(new UnshippedChanges(part, List.of(), true));
        for (int i = 0; i < accounts.size(); i++) {
            reply(new UnshippedChanges(List.of(), accounts.get(i), i < accounts.size() - 1));
        }
    }

    private void changes(Optional<MailboxChanges> found) throws IOException {
        if (found.isEmpty()) {
            reply(new NotFound("no such mailbox"));
            return;
        }
        MailboxChanges c = found.get();
        var records = Parts.split(c.records(), MessageCodec::encodedSize, replyBudget);
        var tombstones = Parts.split(c.expunged(), t -> Parts.TOMBSTONE_BYTES, replyBudget);
        // Records first, then tombstones; every part repeats the state.
        for (int i = 0; i < records.size(); i++) {
            boolean last = i == records.size() - 1;
            reply(new Changes(c.state(), c.since(), records.get(i), last ? tombstones.getFirst() : List.of(), true));
        }
        for (int i = 1; i < tombstones.size(); i++) {
            reply(new Changes(c.state(), c.since(), List.of(), tombstones.get(i), true));
        }
        reply(new Changes(c.state(), c.since(), List.of(), List.of(), false));
    }

    private void receive(Guid guid, long size) throws IOException {
        BlobTransfer.Incoming bytes = BlobTransfer.receive(in, size);
        try {
            String refusal = admissible(size);
            if (refusal != null) {
                refused.add(new RefusedBlob(guid, refusal));
                return;
            }
            try {
                StagedMessage message = store.receiveBlob(guid, bytes, size);
                staged.add(message);
                stagedBytes += size;
            } catch (IOException e) {
                if (bytes.connectionBroken()) throw e;
                log.atWarn()
                        .setMessage("blob refused")
                        .addKeyValue("peer", peer)
                        .addKeyValue("guid", guid)
                        .addKeyValue("error", e.getMessage())
                        .log();
                refused.add(new RefusedBlob(guid, e.getMessage()));
            } catch (MailboxException e) {
                refused.add(new RefusedBlob(guid, e.getMessage()));
            }
        } finally {
            bytes.finish();
        }
    }

    /** Why a blob cannot be taken now, or null when it can. */
    private String admissible(long size) {
        if (!acceptsUpdates.getAsBoolean()) {
            refusedForRole = true;
            return NOT_ACCEPTING;
        }
        if (size > settings.maxBlobBytes()) return "message of " + size + " bytes is over the limit";
        if (staged.size() >= settings.maxStagedBlobs()) return "too many blobs before an apply";
        if (stagedBytes + size > settings.maxStagedBytes()) return "too many bytes of blobs before an apply";
        return null;
    }

    private void apply(List<org.slotmail.store.replica.ReplicaUpdate> updates) throws IOException {
        try {
            if (!acceptsUpdates.getAsBoolean()) {
                reply(new Failure(ErrorCode.NOT_ACCEPTING, NOT_ACCEPTING));
                return;
            }
            List<ApplyResult> results = store.apply(updates, staged, false);
            if (results.size() != updates.size()) {
                throw new IllegalStateException(
                        "the store answered " + results.size() + " results for " + updates.size() + " updates");
            }
            reply(new Applied(results));
        } finally {
            discardStaged();
        }
    }

    private void sendBlob(Guid guid) throws IOException {
        if (!store.missingBlobs(List.of(guid)).isEmpty()) {
            reply(new NotFound("no blob " + guid));
            return;
        }
        long size = store.blobSize(guid);
        InputStream bytes;
        try {
            bytes = store.blob(guid);
        } catch (IOException e) {
            reply(new Failure(ErrorCode.STORE, "cannot read blob " + guid + ": " + e.getMessage()));
            return;
        }
        try (bytes) {
            BlobTransfer.send(out, new BlobData(guid, size), size, bytes);
        }
    }

    private void reply(SyncMessage message) throws IOException {
        out.write(message);
    }

    private void tryToSay(SyncMessage message) {
        try {
            out.write(message);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // The client is gone or the connection broken; it was only a courtesy.
        }
    }

    private void discardStaged() {
        for (StagedMessage m : staged) {
            try {
                m.close();
            } catch (RuntimeException e) {
                log.atWarn()
                        .setMessage("cannot discard a received blob")
                        .setCause(e)
                        .log();
            }
        }
        staged.clear();
        stagedBytes = 0;
    }

    private static InputStream input(Connection c) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return c.in().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return c.in().read(b, off, len);
            }
        };
    }

    private static OutputStream output(Connection c) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                c.out().write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                c.out().write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                c.out().flush();
            }
        };
    }
}
