package org.slotmail.sync.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.SpecialUse;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.DeletedMailbox;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;
import org.slotmail.sync.protocol.SyncMessage.*;

/**
 * Turns {@link SyncMessage}s into bytes and back: one type byte, then the fields in a fixed order
 * (docs/replication.md lists them). Decoding trusts nothing: every count and length is bounded by
 * the bytes actually there, strings must be valid UTF-8 within their limits, values are checked by
 * the records they build, and whatever is wrong comes out as a {@link ProtocolException}.
 */
public final class MessageCodec {
    /** Opens every Hello, so a stray client of another protocol is told apart at once. */
    static final int MAGIC = 0x534c5359; // "SLSY"

    static final int MAX_NAME_BYTES = 4 * MailboxName.MAX_LENGTH;
    static final int MAX_TEXT_CHARS = 1000;
    private static final int MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS;
    private static final int MAX_KEYWORD_BYTES = Flags.MAX_KEYWORD_LENGTH;

    private static final int HELLO = 1, CHALLENGE = 2, AUTHENTICATE = 3, WELCOME = 4;
    private static final int PING = 10, GET_STATES = 11, GET_MAILBOXES_OF = 12, GET_ACCOUNTS = 13;
    private static final int GET_ACCOUNT_STATES = 14, GET_CHANGES = 15, GET_DELETED = 16, GET_MISSING = 17;
    private static final int PUT_BLOB = 18, BLOBS_DONE = 19, APPLY = 20, FETCH_BLOB = 21;
    private static final int GET_UNSHIPPED = 22, FORGET_UNSHIPPED = 23;
    private static final int BLOB_CHUNK = 30, BLOB_ABORT = 31;
    private static final int PONG = 40, STATES = 41, ACCOUNTS = 42, CHANGES = 43, NOT_FOUND = 44;
    private static final int DELETED = 45, MISSING = 46, BLOBS_STORED = 47, APPLIED = 48, BLOB_DATA = 49;
    private static final int FAILURE = 50, UNSHIPPED = 51, FORGOTTEN = 52;

    private MessageCodec() {}

    /** The message's bytes: its type, then its fields. */
    public static byte[] encode(SyncMessage message) {
        var w = new WireWriter();
        switch (message) {
            case Hello h -> {
                w.u8(HELLO).i32(MAGIC).i32(h.version());
                w.raw(h.nonce()).str(clip(h.peer())).i32(h.maxFrameBytes());
            }
            case Challenge c -> w.u8(CHALLENGE).i32(c.version()).raw(c.nonce()).i32(c.maxFrameBytes());
            case Authenticate a -> w.u8(AUTHENTICATE).raw(a.proof());
            case Welcome wl -> w.u8(WELCOME).raw(wl.proof());
            case Ping p -> w.u8(PING).i64(p.token());
            case GetStates g -> {
                w.u8(GET_STATES).count(g.ids().size());
                for (MailboxId id : g.ids()) w.uuid(id.value());
            }
            case GetMailboxesOf g -> w.u8(GET_MAILBOXES_OF).i64(g.accountId());
            case GetAccounts _ -> w.u8(GET_ACCOUNTS);
            case GetAccountStates g -> {
                w.u8(GET_ACCOUNT_STATES).count(g.accountIds().size());
                for (long id : g.accountIds()) w.i64(id);
            }
            case GetChanges g -> w.u8(GET_CHANGES).uuid(g.id().value()).i64(g.since());
            case GetDeletedMailboxes g -> w.u8(GET_DELETED).i64(g.accountId());
            case GetMissingBlobs g -> {
                w.u8(GET_MISSING).count(g.guids().size());
                for (Guid guid : g.guids()) w.guid(guid);
            }
            case PutBlob p -> w.u8(PUT_BLOB).guid(p.guid()).i64(p.size());
            case BlobsDone _ -> w.u8(BLOBS_DONE);
            case Apply a -> {
                w.u8(APPLY).count(a.updates().size());
                for (ReplicaUpdate u : a.updates()) update(w, u);
            }
            case FetchBlob f -> w.u8(FETCH_BLOB).guid(f.guid());
            case GetUnshipped _ -> w.u8(GET_UNSHIPPED);
            case ForgetUnshipped _ -> w.u8(FORGET_UNSHIPPED);
            case BlobChunk c -> w.u8(BLOB_CHUNK).bytes(c.data());
            case BlobAbort a -> w.u8(BLOB_ABORT).str(clip(a.reason()));
            case Pong p -> w.u8(PONG).i64(p.token());
            case States s -> {
                w.u8(STATES).bool(s.more()).count(s.states().size());
                for (MailboxState st : s.states()) state(w, st);
            }
            case Accounts a -> {
                w.u8(ACCOUNTS).bool(a.more()).count(a.accounts().size());
                for (AccountState st : a.accounts()) account(w, st);
            }
            case Changes c -> {
                w.u8(CHANGES).bool(c.more());
                state(w, c.state());
                w.i64(c.since()).count(c.records().size());
                for (ReplicatedMessage m : c.records()) message(w, m);
                w.count(c.expunged().size());
                for (Tombstone t : c.expunged()) tombstone(w, t);
            }
            case NotFound n -> w.u8(NOT_FOUND).str(clip(n.what()));
            case DeletedMailboxes d -> {
                w.u8(DELETED).bool(d.more()).count(d.mailboxes().size());
                for (DeletedMailbox m : d.mailboxes()) {
                    w.uuid(m.id().value()).i64(m.accountId()).str(m.name().value());
                    w.i64(m.uidValidity()).i64(m.uidNext()).i64(m.highestModSeq());
                }
            }
            case MissingBlobs m -> {
                w.u8(MISSING).bool(m.more()).count(m.guids().size());
                for (Guid guid : m.guids()) w.guid(guid);
            }
            case BlobsStored b -> {
                w.u8(BLOBS_STORED).count(b.refused().size());
                for (RefusedBlob r : b.refused()) w.guid(r.guid()).str(clip(r.reason()));
            }
            case Applied a -> {
                w.u8(APPLIED).count(a.results().size());
                for (ApplyResult r : a.results()) result(w, r);
            }
            case BlobData b -> w.u8(BLOB_DATA).guid(b.guid()).i64(b.size());
            case UnshippedChanges u -> {
                w.u8(UNSHIPPED).bool(u.more()).count(u.mailboxes().size());
                for (MailboxId id : u.mailboxes()) w.uuid(id.value());
                w.count(u.accounts().size());
                for (long id : u.accounts()) w.i64(id);
            }
            case Forgotten _ -> w.u8(FORGOTTEN);
            case Failure f -> w.u8(FAILURE).u8(f.code().ordinal()).str(clip(f.message()));
        }
        return w.toBytes();
    }

    /** The type byte and length prefix in front of a chunk's bytes, for writing a chunk without copying it. */
    static byte[] chunkHeader(int length) {
        return new WireWriter().u8(BLOB_CHUNK).i32(length).toBytes();
    }

    /** The size {@link #encode} would give, for splitting work into frames that fit. */
    public static int encodedSize(ReplicaUpdate update) {
        var w = new WireWriter();
        update(w, update);
        return w.size();
    }

    /** The size of one record as {@link Changes} and {@link Apply} carry it. */
    public static int encodedSize(ReplicatedMessage message) {
        var w = new WireWriter();
        message(w, message);
        return w.size();
    }

    public static SyncMessage decode(byte[] bytes) throws ProtocolException {
        return decode(bytes, 0, bytes.length);
    }

    /** Decodes one whole message from {@code bytes[off, off+len)}; anything wrong is a {@link ProtocolException}. */
    public static SyncMessage decode(byte[] bytes, int off, int len) throws ProtocolException {
        var r = new WireReader(bytes, off, len);
        SyncMessage m;
        try {
            m = read(r);
        } catch (RuntimeException e) {
            // A record refused a value (a bad name, flag, GUID): the peer's bytes, not our bug.
            throw new ProtocolException("bad value: " + e.getMessage(), e);
        }
        r.end();
        return m;
    }

    private static SyncMessage read(WireReader r) throws ProtocolException {
        int type = r.u8();
        return switch (type) {
            case HELLO -> {
                if (r.i32() != MAGIC) throw new ProtocolException("not a sync client (bad magic)");
                yield new Hello(r.i32(), r.raw(SyncMessage.NONCE_BYTES), r.str(MAX_TEXT_BYTES), r.i32());
            }
            case CHALLENGE -> new Challenge(r.i32(), r.raw(SyncMessage.NONCE_BYTES), r.i32());
            case AUTHENTICATE -> new Authenticate(r.raw(SyncMessage.PROOF_BYTES));
            case WELCOME -> new Welcome(r.raw(SyncMessage.PROOF_BYTES));
            case PING -> new Ping(r.i64());
            case GET_STATES -> {
                int n = r.count(16);
                var ids = new ArrayList<MailboxId>(n);
                for (int i = 0; i < n; i++) ids.add(new MailboxId(r.uuid()));
                yield new GetStates(ids);
            }
            case GET_MAILBOXES_OF -> new GetMailboxesOf(accountId(r));
            case GET_ACCOUNTS -> new GetAccounts();
            case GET_ACCOUNT_STATES -> {
                int n = r.count(8);
                var ids = new ArrayList<Long>(n);
                for (int i = 0; i < n; i++) ids.add(accountId(r));
                yield new GetAccountStates(ids);
            }
            case GET_CHANGES -> new GetChanges(new MailboxId(r.uuid()), nonNegative(r.i64(), "since"));
            case GET_DELETED -> new GetDeletedMailboxes(accountId(r));
            case GET_MISSING -> new GetMissingBlobs(guids(r));
            case PUT_BLOB -> new PutBlob(r.guid(), nonNegative(r.i64(), "blob size"));
            case BLOBS_DONE -> new BlobsDone();
            case APPLY -> {
                int n = r.count(9);
                var updates = new ArrayList<ReplicaUpdate>(n);
                for (int i = 0; i < n; i++) updates.add(update(r));
                yield new Apply(updates);
            }
            case FETCH_BLOB -> new FetchBlob(r.guid());
            case GET_UNSHIPPED -> new GetUnshipped();
            case FORGET_UNSHIPPED -> new ForgetUnshipped();
            case BLOB_CHUNK -> new BlobChunk(r.bytes(Integer.MAX_VALUE));
            case BLOB_ABORT -> new BlobAbort(r.str(MAX_TEXT_BYTES));
            case PONG -> new Pong(r.i64());
            case STATES -> {
                boolean more = r.bool();
                int n = r.count(60);
                var states = new ArrayList<MailboxState>(n);
                for (int i = 0; i < n; i++) states.add(state(r));
                yield new States(states, more);
            }
            case ACCOUNTS -> {
                boolean more = r.bool();
                int n = r.count(16);
                var accounts = new ArrayList<AccountState>(n);
                for (int i = 0; i < n; i++) accounts.add(account(r));
                yield new Accounts(accounts, more);
            }
            case CHANGES -> {
                boolean more = r.bool();
                MailboxState state = state(r);
                long since = nonNegative(r.i64(), "since");
                int n = r.count(77);
                var records = new ArrayList<ReplicatedMessage>(n);
                for (int i = 0; i < n; i++) records.add(message(r));
                int t = r.count(17);
                var expunged = new ArrayList<Tombstone>(t);
                for (int i = 0; i < t; i++) expunged.add(tombstone(r));
                yield new Changes(state, since, records, expunged, more);
            }
            case NOT_FOUND -> new NotFound(r.str(MAX_TEXT_BYTES));
            case DELETED -> {
                boolean more = r.bool();
                int n = r.count(50);
                var list = new ArrayList<DeletedMailbox>(n);
                for (int i = 0; i < n; i++) {
                    list.add(new DeletedMailbox(
                            new MailboxId(r.uuid()),
                            accountId(r),
                            new MailboxName(r.str(MAX_NAME_BYTES)),
                            nonNegative(r.i64(), "UIDVALIDITY"),
                            nonNegative(r.i64(), "UIDNEXT"),
                            nonNegative(r.i64(), "HIGHESTMODSEQ")));
                }
                yield new DeletedMailboxes(list, more);
            }
            case MISSING -> {
                boolean more = r.bool();
                yield new MissingBlobs(guids(r), more);
            }
            case BLOBS_STORED -> {
                int n = r.count(36);
                var refused = new ArrayList<RefusedBlob>(n);
                for (int i = 0; i < n; i++) refused.add(new RefusedBlob(r.guid(), r.str(MAX_TEXT_BYTES)));
                yield new BlobsStored(refused);
            }
            case APPLIED -> {
                int n = r.count(1);
                var results = new ArrayList<ApplyResult>(n);
                for (int i = 0; i < n; i++) results.add(result(r));
                yield new Applied(results);
            }
            case BLOB_DATA -> new BlobData(r.guid(), nonNegative(r.i64(), "blob size"));
            case UNSHIPPED -> {
                boolean more = r.bool();
                int n = r.count(16);
                var mailboxes = new ArrayList<MailboxId>(n);
                for (int i = 0; i < n; i++) mailboxes.add(new MailboxId(r.uuid()));
                int a = r.count(8);
                var accounts = new ArrayList<Long>(a);
                for (int i = 0; i < a; i++) accounts.add(accountId(r));
                yield new UnshippedChanges(mailboxes, accounts, more);
            }
            case FORGOTTEN -> new Forgotten();
            case FAILURE -> {
                int code = r.u8();
                ErrorCode[] codes = ErrorCode.values();
                if (code >= codes.length) throw new ProtocolException("unknown error code " + code);
                yield new Failure(codes[code], r.str(MAX_TEXT_BYTES));
            }
            default -> throw new ProtocolException("unknown message type " + type);
        };
    }

    // --- parts ---

    private static final int UPDATE_MAILBOX = 1, UPDATE_DELETE = 2, UPDATE_ACCOUNT = 3, UPDATE_PURGE = 4;
    private static final int RESULT_APPLIED = 1, RESULT_NAME_TAKEN = 2, RESULT_FAILED = 3;

    private static void update(WireWriter w, ReplicaUpdate u) {
        switch (u) {
            case ReplicaUpdate.Mailbox m -> {
                w.u8(UPDATE_MAILBOX);
                state(w, m.target());
                w.bool(m.full()).count(m.put().size());
                for (ReplicatedMessage rm : m.put()) message(w, rm);
                w.count(m.expunge().size());
                for (Tombstone t : m.expunge()) tombstone(w, t);
            }
            case ReplicaUpdate.DeleteMailbox d -> w.u8(UPDATE_DELETE).uuid(d.id().value());
            case ReplicaUpdate.Account a -> {
                w.u8(UPDATE_ACCOUNT);
                account(w, a.target());
            }
            case ReplicaUpdate.PurgeAccount p -> w.u8(UPDATE_PURGE).i64(p.accountId());
        }
    }

    private static ReplicaUpdate update(WireReader r) throws ProtocolException {
        int kind = r.u8();
        return switch (kind) {
            case UPDATE_MAILBOX -> {
                MailboxState target = state(r);
                boolean full = r.bool();
                int n = r.count(77);
                var put = new ArrayList<ReplicatedMessage>(n);
                for (int i = 0; i < n; i++) put.add(message(r));
                int t = r.count(17);
                var expunge = new ArrayList<Tombstone>(t);
                for (int i = 0; i < t; i++) expunge.add(tombstone(r));
                yield new ReplicaUpdate.Mailbox(target, put, expunge, full);
            }
            case UPDATE_DELETE -> new ReplicaUpdate.DeleteMailbox(new MailboxId(r.uuid()));
            case UPDATE_ACCOUNT -> new ReplicaUpdate.Account(account(r));
            case UPDATE_PURGE -> new ReplicaUpdate.PurgeAccount(accountId(r));
            default -> throw new ProtocolException("unknown update kind " + kind);
        };
    }

    private static void result(WireWriter w, ApplyResult result) {
        switch (result) {
            case ApplyResult.Applied a -> {
                w.u8(RESULT_APPLIED).bool(a.after() != null);
                if (a.after() != null) state(w, a.after());
            }
            case ApplyResult.NameTaken n ->
                w.u8(RESULT_NAME_TAKEN)
                        .uuid(n.requested().value())
                        .uuid(n.holder().value());
            case ApplyResult.Failed f -> w.u8(RESULT_FAILED).str(clip(f.reason()));
        }
    }

    private static ApplyResult result(WireReader r) throws ProtocolException {
        int kind = r.u8();
        return switch (kind) {
            case RESULT_APPLIED -> r.bool() ? new ApplyResult.Applied(state(r)) : ApplyResult.Applied.NO_STATE;
            case RESULT_NAME_TAKEN -> new ApplyResult.NameTaken(new MailboxId(r.uuid()), new MailboxId(r.uuid()));
            case RESULT_FAILED -> new ApplyResult.Failed(r.str(MAX_TEXT_BYTES));
            default -> throw new ProtocolException("unknown apply result " + kind);
        };
    }

    private static void state(WireWriter w, MailboxState s) {
        w.uuid(s.id().value()).i64(s.accountId()).str(s.name().value());
        w.i64(s.uidValidity()).i64(s.uidNext()).i64(s.highestModSeq()).i64(s.messages());
        w.i32(s.syncCrc()).u8(specialUseBits(s.specialUse()));
    }

    private static MailboxState state(WireReader r) throws ProtocolException {
        return new MailboxState(
                new MailboxId(r.uuid()),
                accountId(r),
                new MailboxName(r.str(MAX_NAME_BYTES)),
                nonNegative(r.i64(), "UIDVALIDITY"),
                nonNegative(r.i64(), "UIDNEXT"),
                nonNegative(r.i64(), "HIGHESTMODSEQ"),
                nonNegative(r.i64(), "message count"),
                r.i32(),
                specialUse(r.u8()));
    }

    private static void account(WireWriter w, AccountState a) {
        w.i64(a.accountId()).str(a.address()).count(a.subscriptions().size());
        // Sorted: the same account encodes to the same bytes whatever set it came in.
        for (MailboxName n : new TreeSet<>(a.subscriptions())) w.str(n.value());
    }

    private static AccountState account(WireReader r) throws ProtocolException {
        long id = accountId(r);
        String address = r.str(MAX_TEXT_BYTES);
        int n = r.count(4);
        var subscriptions = new ArrayList<MailboxName>(n);
        for (int i = 0; i < n; i++) subscriptions.add(new MailboxName(r.str(MAX_NAME_BYTES)));
        return new AccountState(id, address, Set.copyOf(subscriptions));
    }

    private static void message(WireWriter w, ReplicatedMessage m) {
        MessageRecord rec = m.record();
        w.i64(rec.uid()).i64(rec.modSeq()).u8(rec.flags().system());
        w.count(rec.flags().keywords().size());
        for (String k : rec.flags().keywords()) w.str(k);
        w.instant(rec.internalDate()).instant(rec.saveDate()).i64(rec.size()).guid(rec.guid());
        // No summary asks the receiving store to parse one from the bytes.
        w.bool(m.summary() != null);
        if (m.summary() != null) w.bytes(m.summary());
    }

    private static ReplicatedMessage message(WireReader r) throws ProtocolException {
        long uid = positive(r.i64(), "UID");
        long modSeq = nonNegative(r.i64(), "MODSEQ");
        int system = r.u8();
        int n = r.count(4);
        var keywords = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < n; i++) {
            if (!keywords.add(r.str(MAX_KEYWORD_BYTES))) throw new ProtocolException("keyword sent twice");
        }
        Flags flags = new Flags(system, keywords);
        Instant internal = r.instant();
        Instant saved = r.instant();
        long size = nonNegative(r.i64(), "size");
        Guid guid = r.guid();
        byte[] summary = r.bool() ? r.bytes(Integer.MAX_VALUE) : null;
        return new ReplicatedMessage(new MessageRecord(uid, modSeq, flags, internal, saved, size, guid), summary);
    }

    private static void tombstone(WireWriter w, Tombstone t) {
        w.i64(t.uid()).i64(t.modSeq()).bool(t.guid() != null);
        if (t.guid() != null) w.guid(t.guid());
    }

    private static Tombstone tombstone(WireReader r) throws ProtocolException {
        long uid = positive(r.i64(), "UID");
        long modSeq = nonNegative(r.i64(), "MODSEQ");
        Guid guid = r.bool() ? r.guid() : null;
        return new Tombstone(uid, modSeq, guid);
    }

    private static List<Guid> guids(WireReader r) throws ProtocolException {
        int n = r.count(32);
        var guids = new ArrayList<Guid>(n);
        for (int i = 0; i < n; i++) guids.add(r.guid());
        return guids;
    }

    private static int specialUseBits(Set<SpecialUse> uses) {
        int bits = 0;
        for (SpecialUse u : uses) bits |= 1 << u.ordinal();
        return bits;
    }

    private static Set<SpecialUse> specialUse(int bits) throws ProtocolException {
        SpecialUse[] all = SpecialUse.values();
        if ((bits >>> all.length) != 0) throw new ProtocolException("unknown special-use bits");
        var uses = EnumSet.noneOf(SpecialUse.class);
        for (SpecialUse u : all) if ((bits & (1 << u.ordinal())) != 0) uses.add(u);
        return uses;
    }

    private static long accountId(WireReader r) throws ProtocolException {
        return positive(r.i64(), "account id");
    }

    private static long positive(long v, String what) throws ProtocolException {
        if (v <= 0) throw new ProtocolException(what + " must be positive: " + v);
        return v;
    }

    private static long nonNegative(long v, String what) throws ProtocolException {
        if (v < 0) throw new ProtocolException(what + " must not be negative: " + v);
        return v;
    }

    /** Free text is cut to a bounded length: a reason never makes a message too large to send. */
    private static String clip(String text) {
        if (text == null) return "";
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS) + "…";
    }
}
