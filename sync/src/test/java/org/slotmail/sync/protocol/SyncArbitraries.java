package org.slotmail.sync.protocol;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
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

/** Random values of everything the sync protocol carries, for property tests. */
public final class SyncArbitraries {
    private SyncArbitraries() {}

    public static Arbitrary<MailboxId> mailboxIds() {
        return Arbitraries.longs().tuple2().map(t -> new MailboxId(new UUID(t.get1(), t.get2())));
    }

    public static Arbitrary<Guid> guids() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Guid::of);
    }

    public static Arbitrary<MailboxName> names() {
        Arbitrary<String> level = Arbitraries.strings()
                .withChars("abcXYZ019 _-.éü日本")
                .ofMinLength(1)
                .ofMaxLength(12)
                .filter(s -> !s.equals(s.strip()) ? false : !s.equals(".") && !s.equals(".."));
        return level.list().ofMinSize(1).ofMaxSize(3).map(l -> new MailboxName(String.join("/", l)));
    }

    public static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    public static Arbitrary<Flags> flags() {
        Arbitrary<String> keyword =
                Arbitraries.strings().withChars("abcdefXYZ$019").ofMinLength(1).ofMaxLength(10);
        return Combinators.combine(
                        Arbitraries.integers().between(0, 31), keyword.set().ofMaxSize(4))
                .as((system, keywords) -> {
                    var sorted = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
                    sorted.addAll(keywords);
                    return new Flags(system, sorted);
                });
    }

    public static Arbitrary<MessageRecord> records() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 1L << 32),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        flags(),
                        instants(),
                        instants(),
                        Arbitraries.longs().between(0, 1L << 40),
                        guids())
                .as(MessageRecord::new);
    }

    public static Arbitrary<ReplicatedMessage> messages() {
        Arbitrary<byte[]> summary =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).injectNull(0.2);
        return Combinators.combine(records(), summary).as(ReplicatedMessage::new);
    }

    public static Arbitrary<Tombstone> tombstones() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, 1L << 32),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        guids().injectNull(0.1))
                .as(Tombstone::new);
    }

    public static Arbitrary<Set<SpecialUse>> specialUses() {
        return Arbitraries.of(SpecialUse.class).set().ofMaxSize(3).map(s -> s.isEmpty() ? Set.of() : EnumSet.copyOf(s));
    }

    public static Arbitrary<MailboxState> states() {
        return Combinators.combine(
                        mailboxIds(),
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        names(),
                        Arbitraries.longs().between(0, 1L << 32),
                        Arbitraries.longs().between(0, 1L << 32),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.longs().between(0, 1L << 32),
                        Arbitraries.integers())
                .flatAs((id, account, name, uv, next, hms, count, crc) -> specialUses()
                        .map(uses -> new MailboxState(id, account, name, uv, next, hms, count, crc, uses)));
    }

    public static Arbitrary<AccountState> accounts() {
        return Combinators.combine(
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        Arbitraries.strings()
                                .alpha()
                                .ofMinLength(1)
                                .ofMaxLength(20)
                                .map(s -> s + "@example.com"),
                        names().set().ofMaxSize(4))
                .as(AccountState::new);
    }

    public static Arbitrary<ReplicaUpdate> updates() {
        Arbitrary<ReplicaUpdate> mailbox = Combinators.combine(
                        states(),
                        messages().list().ofMaxSize(4),
                        tombstones().list().ofMaxSize(4),
                        Arbitraries.of(true, false))
                .as(ReplicaUpdate.Mailbox::new);
        return Arbitraries.oneOf(
                mailbox,
                mailboxIds().map(ReplicaUpdate.DeleteMailbox::new),
                accounts().map(ReplicaUpdate.Account::new),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(ReplicaUpdate.PurgeAccount::new));
    }

    public static Arbitrary<ApplyResult> results() {
        return Arbitraries.oneOf(
                states().map(ApplyResult.Applied::new),
                Arbitraries.just(ApplyResult.Applied.NO_STATE),
                Combinators.combine(mailboxIds(), mailboxIds()).as(ApplyResult.NameTaken::new),
                text().map(ApplyResult.Failed::new));
    }

    public static Arbitrary<String> text() {
        return Arbitraries.strings()
                .ofMaxLength(60)
                .filter(s -> s.codePoints().allMatch(Character::isDefined)
                        && s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    }

    private static Arbitrary<byte[]> bytes(int n) {
        return Arbitraries.bytes().array(byte[].class).ofSize(n);
    }

    /** Every kind of message, with random contents. */
    public static Arbitrary<SyncMessage> syncMessages() {
        Arbitrary<Boolean> more = Arbitraries.of(true, false);
        Arbitrary<Long> longs = Arbitraries.longs();
        Arbitrary<Long> accountIds = Arbitraries.longs().between(1, Long.MAX_VALUE);
        Arbitrary<Long> sizes = Arbitraries.longs().between(0, Long.MAX_VALUE);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(Arbitraries.integers(), bytes(32), text(), Arbitraries.integers())
                        .as(Hello::new),
                Combinators.combine(Arbitraries.integers(), bytes(32), Arbitraries.integers())
                        .as(Challenge::new),
                bytes(32).map(Authenticate::new),
                bytes(32).map(Welcome::new),
                longs.map(Ping::new),
                mailboxIds().list().ofMaxSize(5).map(GetStates::new),
                accountIds.map(GetMailboxesOf::new),
                Arbitraries.just(new GetAccounts()),
                accountIds.list().ofMaxSize(5).map(GetAccountStates::new),
                Combinators.combine(mailboxIds(), sizes).as(GetChanges::new),
                accountIds.map(GetDeletedMailboxes::new),
                guids().list().ofMaxSize(5).map(GetMissingBlobs::new),
                Combinators.combine(guids(), sizes).as(PutBlob::new),
                Arbitraries.just(new BlobsDone()),
                updates().list().ofMaxSize(4).map(Apply::new),
                guids().map(FetchBlob::new),
                Arbitraries.just(new GetUnshipped()),
                Arbitraries.just(new ForgetUnshipped()),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(100).map(BlobChunk::new),
                text().map(BlobAbort::new),
                longs.map(Pong::new),
                Combinators.combine(states().list().ofMaxSize(4), more).as(States::new),
                Combinators.combine(accounts().list().ofMaxSize(4), more).as(Accounts::new),
                Combinators.combine(
                                states(),
                                sizes,
                                messages().list().ofMaxSize(4),
                                tombstones().list().ofMaxSize(4),
                                more)
                        .as(Changes::new),
                text().map(NotFound::new),
                Combinators.combine(deletedMailboxes().list().ofMaxSize(3), more)
                        .as(DeletedMailboxes::new),
                Combinators.combine(guids().list().ofMaxSize(5), more).as(MissingBlobs::new),
                Combinators.combine(guids(), text())
                        .as(RefusedBlob::new)
                        .list()
                        .ofMaxSize(3)
                        .map(BlobsStored::new),
                results().list().ofMaxSize(4).map(Applied::new),
                Combinators.combine(guids(), sizes).as(BlobData::new),
                Combinators.combine(
                                mailboxIds().list().ofMaxSize(4),
                                accountIds.list().ofMaxSize(4),
                                more)
                        .as(UnshippedChanges::new),
                Arbitraries.just(new Forgotten()),
                Combinators.combine(Arbitraries.of(ErrorCode.class), text()).as(Failure::new)));
    }

    public static Arbitrary<DeletedMailbox> deletedMailboxes() {
        return Combinators.combine(
                        mailboxIds(),
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        names(),
                        Arbitraries.longs().between(0, 1L << 32),
                        Arbitraries.longs().between(0, 1L << 32),
                        Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as(DeletedMailbox::new);
    }
}
