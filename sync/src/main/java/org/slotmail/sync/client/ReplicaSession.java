package org.slotmail.sync.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.DeletedMailbox;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;
import org.slotmail.sync.protocol.BlobTransfer;
import org.slotmail.sync.protocol.FrameInput;
import org.slotmail.sync.protocol.FrameOutput;
import org.slotmail.sync.protocol.Handshake;
import org.slotmail.sync.protocol.ProtocolException;
import org.slotmail.sync.protocol.RemoteFailure;
import org.slotmail.sync.protocol.SyncMessage;
import org.slotmail.sync.protocol.SyncMessage.*;
import org.slotmail.sync.protocol.TlsBinding;

/**
 * An authenticated connection to a slot's sync server, with one method per request: what the
 * sync client, reconciliation and verify use to read a replica's state, records and blobs, and
 * to send it blobs and updates. Used by one thread at a time.
 *
 * <p>A method that throws {@link RemoteFailure} leaves the session usable (the server refused that
 * request); any other {@link IOException} leaves it {@link #broken()}: close it and connect again.
 */
public final class ReplicaSession implements AutoCloseable {
    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** Ids or GUIDs per request: a request of them stays far inside a frame. */
    private static final int IDS_PER_REQUEST = 50_000;

    private final SSLSocket socket;
    private final FrameInput in;
    private final FrameOutput out;
    private boolean broken;

    private ReplicaSession(SSLSocket socket, FrameInput in, FrameOutput out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** Connects, completes TLS and the handshake; throws if any of it fails. */
    public static ReplicaSession open(ReplicaEndpoint endpoint) throws IOException {
        return open(endpoint, ReplicaTrust.context(endpoint));
    }

    /** As {@link #open(ReplicaEndpoint)} with a context made once by {@link #contextFor}. */
    public static ReplicaSession open(ReplicaEndpoint endpoint, SSLContext context) throws IOException {
        InetSocketAddress address = endpoint.address();
        var tcp = new Socket();
        SSLSocket tls = null;
        try {
            tcp.setTcpNoDelay(true);
            tcp.connect(address, Math.toIntExact(endpoint.connectTimeout().toMillis()));
            tcp.setSoTimeout(Math.toIntExact(endpoint.connectTimeout().toMillis()));
            tls = (SSLSocket)
                    context.getSocketFactory().createSocket(tcp, address.getHostString(), address.getPort(), true);
            SSLParameters parameters = tls.getSSLParameters();
            var supported = List.of(tls.getSupportedProtocols());
            parameters.setProtocols(
                    PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
            if (endpoint.trustedCertificates().isPresent() && endpoint.verifyHostname()) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            byte[] binding = TlsBinding.of(tls.getSession());
            var in = new FrameInput(new BufferedInputStream(tls.getInputStream(), 64 * 1024), endpoint.maxFrameBytes());
            var sink = new BufferedOutputStream(tls.getOutputStream(), 64 * 1024);
            Handshake.Agreed agreed = Handshake.asClient(
                    in,
                    new FrameOutput(sink, endpoint.maxFrameBytes()),
                    endpoint.secret(),
                    binding,
                    endpoint.clientName(),
                    endpoint.maxFrameBytes());
            var out = new FrameOutput(sink, agreed.maxFrameToPeer());
            tcp.setSoTimeout(Math.toIntExact(endpoint.readTimeout().toMillis()));
            return new ReplicaSession(tls, in, out);
        } catch (IOException | RuntimeException e) {
            closeQuietly(tls != null ? tls : tcp);
            throw e;
        }
    }

    /** The TLS context for an endpoint, made once per client rather than per connection. */
    public static SSLContext contextFor(ReplicaEndpoint endpoint) throws IOException {
        return ReplicaTrust.context(endpoint);
    }

    /** The largest frame this session sends: what both sides read. */
    public int maxFrameBytes() {
        return out.maxFrameBytes();
    }

    /** Whether a failure left this session out of step: it must be closed. */
    public boolean broken() {
        return broken;
    }

    public long ping(long token) throws IOException {
        return switch (call(new Ping(token))) {
            case Pong(long t) when t == token -> t;
            case SyncMessage m -> throw unexpected(m);
        };
    }

    /** The states of these mailboxes on the replica; those it lacks are absent. */
    public List<MailboxState> states(Collection<MailboxId> ids) throws IOException {
        var result = new ArrayList<MailboxState>();
        for (List<MailboxId> run : runs(List.copyOf(new LinkedHashSet<>(ids)))) {
            send(new GetStates(run));
            result.addAll(readStates());
        }
        return result;
    }

    public List<MailboxState> mailboxesOf(long accountId) throws IOException {
        send(new GetMailboxesOf(accountId));
        return readStates();
    }

    public List<AccountState> accounts() throws IOException {
        send(new GetAccounts());
        return readAccounts();
    }

    public List<AccountState> accountStates(Collection<Long> ids) throws IOException {
        var result = new ArrayList<AccountState>();
        for (List<Long> run : runs(List.copyOf(new LinkedHashSet<>(ids)))) {
            send(new GetAccountStates(run));
            result.addAll(readAccounts());
        }
        return result;
    }

    /** The replica's records and tombstones above {@code since} (0: the whole mailbox); empty when it lacks the mailbox. */
    public Optional<MailboxChanges> changesSince(MailboxId id, long since) throws IOException {
        send(new GetChanges(id, since));
        var records = new ArrayList<ReplicatedMessage>();
        var expunged = new ArrayList<Tombstone>();
        boolean first = true;
        while (true) {
            SyncMessage reply = receive();
            if (first && reply instanceof NotFound) return Optional.empty();
            first = false;
            switch (reply) {
                case Changes c -> {
                    records.addAll(c.records());
                    expunged.addAll(c.expunged());
                    if (!c.more()) return Optional.of(new MailboxChanges(c.state(), c.since(), records, expunged));
                }
                case SyncMessage m -> throw unexpected(m);
            }
        }
    }

    public List<DeletedMailbox> deletedMailboxes(long accountId) throws IOException {
        send(new GetDeletedMailboxes(accountId));
        var result = new ArrayList<DeletedMailbox>();
        while (true) {
            switch (receive()) {
                case DeletedMailboxes d -> {
                    result.addAll(d.mailboxes());
                    if (!d.more()) return result;
                }
                case SyncMessage m -> throw unexpected(m);
            }
        }
    }

    /** The mailboxes and accounts the replica changed as a master that no replica confirmed. */
    public record Unshipped(Set<MailboxId> mailboxes, Set<Long> accounts) {
        public boolean isEmpty() {
            return mailboxes.isEmpty() && accounts.isEmpty();
        }
    }

    /** What the replica changed as a master and never shipped (a former master rejoining); the replica remembers the answer. */
    public Unshipped unshipped() throws IOException {
        send(new GetUnshipped());
        var mailboxes = new LinkedHashSet<MailboxId>();
        var accounts = new LinkedHashSet<Long>();
        while (true) {
            switch (receive()) {
                case SyncMessage.UnshippedChanges u -> {
                    mailboxes.addAll(u.mailboxes());
                    accounts.addAll(u.accounts());
                    if (!u.more()) return new Unshipped(mailboxes, accounts);
                }
                case SyncMessage m -> throw unexpected(m);
            }
        }
    }

    /** Has the replica drop what the last {@link #unshipped} reported: it was reconciled. */
    public void forgetUnshipped() throws IOException {
        switch (call(new ForgetUnshipped())) {
            case Forgotten _ -> {}
            case SyncMessage m -> throw unexpected(m);
        }
    }

    /** The GUIDs among these whose bytes the replica lacks. */
    public Set<Guid> missingBlobs(Collection<Guid> guids) throws IOException {
        var result = new LinkedHashSet<Guid>();
        for (List<Guid> run : runs(List.copyOf(new LinkedHashSet<>(guids)))) {
            send(new GetMissingBlobs(run));
            boolean more = true;
            while (more) {
                switch (receive()) {
                    case MissingBlobs mb -> {
                        result.addAll(mb.guids());
                        more = mb.more();
                    }
                    case SyncMessage m -> throw unexpected(m);
                }
            }
        }
        return result;
    }

    /**
     * Streams these blobs to the replica, held there for the next {@link #apply}. Returns the ones
     * not kept, with why: refused by the replica (bytes not matching the GUID, limits), or not
     * readable here.
     */
    public Map<Guid, String> putBlobs(Collection<Guid> guids, BlobSource source) throws IOException {
        var failed = new LinkedHashMap<Guid, String>();
        guarded(() -> {
            writeBlobs(guids, source, failed);
            out.flush();
        });
        readStored(failed);
        return failed;
    }

    /** What the replica made of blobs and updates sent together. */
    public record Delivery(Map<Guid, String> refusedBlobs, List<ApplyResult> results) {}

    /**
     * Sends the blobs, then the updates that need them, in one go, and reads both answers: one
     * round trip where {@link #putBlobs} and {@link #apply} take two. A blob that was refused
     * leaves the updates needing it failed.
     */
    public Delivery putAndApply(Collection<Guid> guids, BlobSource source, List<ReplicaUpdate> updates)
            throws IOException {
        if (guids.isEmpty()) return new Delivery(Map.of(), apply(updates));
        var failed = new LinkedHashMap<Guid, String>();
        guarded(() -> {
            writeBlobs(guids, source, failed);
            out.write(new Apply(updates));
            out.flush();
        });
        // Both answers are read whatever the first says, so the session stays in step.
        RemoteFailure refusal = null;
        try {
            readStored(failed);
        } catch (RemoteFailure e) {
            refusal = e;
        }
        List<ApplyResult> results = null;
        try {
            results = readApplied(updates.size());
        } catch (RemoteFailure e) {
            if (refusal == null) refusal = e;
        }
        if (refusal != null) throw refusal;
        return new Delivery(failed, results);
    }

    private void writeBlobs(Collection<Guid> guids, BlobSource source, Map<Guid, String> failed) throws IOException {
        for (Guid guid : guids) {
            long size;
            InputStream bytes;
            try {
                size = source.size(guid);
                bytes = source.open(guid);
            } catch (IOException | RuntimeException e) {
                failed.put(guid, "cannot read the message here: " + e.getMessage());
                continue;
            }
            try {
                BlobTransfer.send(out, new PutBlob(guid, size), size, bytes).ifPresent(why -> failed.put(guid, why));
            } finally {
                closeQuietly(bytes);
            }
        }
        out.write(new BlobsDone());
    }

    private void readStored(Map<Guid, String> failed) throws IOException {
        switch (receive()) {
            case BlobsStored stored -> {
                for (RefusedBlob r : stored.refused())
                    failed.putIfAbsent(r.guid(), "refused by the replica: " + r.reason());
            }
            case SyncMessage m -> throw unexpected(m);
        }
    }

    private List<ApplyResult> readApplied(int expected) throws IOException {
        return switch (receive()) {
            case Applied a when a.results().size() == expected -> a.results();
            case Applied a ->
                throw fail(new ProtocolException(a.results().size() + " results for " + expected + " updates"));
            case SyncMessage m -> throw unexpected(m);
        };
    }

    /** The states of these mailboxes and accounts, asked together: one round trip. */
    public record Snapshot(List<MailboxState> mailboxes, List<AccountState> accounts) {}

    public Snapshot statesAndAccounts(Collection<MailboxId> ids, Collection<Long> accountIds) throws IOException {
        var mailboxRuns = runs(List.copyOf(new LinkedHashSet<>(ids)));
        var accountRuns = runs(List.copyOf(new LinkedHashSet<>(accountIds)));
        guarded(() -> {
            for (List<MailboxId> run : mailboxRuns) out.write(new GetStates(run));
            for (List<Long> run : accountRuns) out.write(new GetAccountStates(run));
            out.flush();
        });
        var states = new ArrayList<MailboxState>();
        for (int i = 0; i < mailboxRuns.size(); i++) states.addAll(readStates());
        var accounts = new ArrayList<AccountState>();
        for (int i = 0; i < accountRuns.size(); i++) accounts.addAll(readAccounts());
        return new Snapshot(states, accounts);
    }

    /** Applies updates on the replica (with the blobs just put); one result per update. */
    public List<ApplyResult> apply(List<ReplicaUpdate> updates) throws IOException {
        send(new Apply(updates));
        return readApplied(updates.size());
    }

    /**
     * Copies a blob of the replica's into {@code sink}; false when the replica lacks it. When the
     * replica cannot read it (damaged there) this throws {@link BlobTransfer.AbortedException}
     * and the session stays usable.
     */
    public boolean fetchBlob(Guid guid, OutputStream sink) throws IOException {
        send(new FetchBlob(guid));
        switch (receive()) {
            case NotFound _ -> {
                return false;
            }
            case BlobData d
            when d.guid().equals(guid) -> {
                BlobTransfer.Incoming bytes = BlobTransfer.receive(in, d.size());
                try {
                    bytes.transferTo(sink);
                } catch (BlobTransfer.AbortedException e) {
                    throw e;
                } catch (IOException e) {
                    if (bytes.connectionBroken()) broken = true;
                    throw e;
                } finally {
                    try {
                        bytes.finish();
                    } catch (IOException e) {
                        broken = true;
                        throw e;
                    }
                }
                return true;
            }
            case SyncMessage m -> throw unexpected(m);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    // --- plumbing ---

    private SyncMessage call(SyncMessage request) throws IOException {
        send(request);
        return receive();
    }

    private void send(SyncMessage request) throws IOException {
        guarded(() -> {
            out.write(request);
            out.flush();
        });
    }

    private interface Writing {
        void run() throws IOException;
    }

    /** Runs writes; a failure leaves the session broken (the peer may have seen part of them). */
    private void guarded(Writing writing) throws IOException {
        if (broken) throw new IOException("the session is broken");
        try {
            writing.run();
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** The next reply; a Failure becomes a {@link RemoteFailure}. */
    private SyncMessage receive() throws IOException {
        SyncMessage m;
        try {
            m = in.read();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
        if (m instanceof Failure f) {
            // After PROTOCOL the server closes; anything else leaves the session in step.
            if (f.code() == org.slotmail.sync.protocol.ErrorCode.PROTOCOL) broken = true;
            throw new RemoteFailure(f.code(), f.message());
        }
        return m;
    }

    private List<MailboxState> readStates() throws IOException {
        var result = new ArrayList<MailboxState>();
        while (true) {
            switch (receive()) {
                case States s -> {
                    result.addAll(s.states());
                    if (!s.more()) return result;
                }
                case SyncMessage m -> throw unexpected(m);
            }
        }
    }

    private List<AccountState> readAccounts() throws IOException {
        var result = new ArrayList<AccountState>();
        while (true) {
            switch (receive()) {
                case Accounts a -> {
                    result.addAll(a.accounts());
                    if (!a.more()) return result;
                }
                case SyncMessage m -> throw unexpected(m);
            }
        }
    }

    private ProtocolException unexpected(SyncMessage m) {
        return fail(new ProtocolException("unexpected reply " + m.getClass().getSimpleName()));
    }

    private ProtocolException fail(ProtocolException e) {
        broken = true;
        return e;
    }

    private static <T> List<List<T>> runs(List<T> items) {
        var runs = new ArrayList<List<T>>();
        for (int i = 0; i < items.size(); i += IDS_PER_REQUEST) {
            runs.add(items.subList(i, Math.min(items.size(), i + IDS_PER_REQUEST)));
        }
        return runs;
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
