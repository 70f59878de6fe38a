package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.DeliveryResult;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.Recipient;
import org.slotmail.mailbox.SpecialUse;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.check.StoreCheck;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.Keys;

class SlotStoreTest {
    @TempDir
    Path dir;

    StoreFixture f;
    final Account alice = StoreFixture.account(1, "alice@example.com");
    final Account bob = StoreFixture.account(2, "bob@example.com");

    @BeforeEach
    void open() {
        f = new StoreFixture(dir, List.of("replica-a", "replica-b"));
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static MailboxName name(String n) {
        return new MailboxName(n);
    }

    @Test
    void newAccountGetsDefaultFoldersWithSpecialUse() {
        var mail = f.store.account(alice);
        var byName = new java.util.HashMap<String, Set<SpecialUse>>();
        for (MailboxInfo i : mail.list()) byName.put(i.name().value(), i.specialUse());
        assertThat(byName).containsOnlyKeys("INBOX", "Drafts", "Sent", "Trash", "Junk", "Archive");
        assertThat(byName.get("Sent")).containsExactly(SpecialUse.SENT);
        assertThat(byName.get("Trash")).containsExactly(SpecialUse.TRASH);
        assertThat(mail.subscriptions()).hasSize(6);
    }

    @Test
    void appendsGetIncreasingUidsAndModSeqs() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        long before = inbox.info().highestModSeq();
        var a = f.append(inbox, StoreFixture.message("one", "x"), Flags.NONE);
        var b = f.append(inbox, StoreFixture.message("two", "y"), Flags.of(Flags.SEEN));
        assertThat(b.uid()).isEqualTo(a.uid() + 1);
        var records = inbox.fetch(UidSet.ALL);
        assertThat(records).extracting(MessageRecord::modSeq).isSorted().allMatch(m -> m > before);
        var info = inbox.info();
        assertThat(info.messages()).isEqualTo(2);
        assertThat(info.unseen()).isEqualTo(1);
        assertThat(info.uidNext()).isEqualTo(b.uid() + 1);
        assertThat(info.uidValidity()).isEqualTo(a.uidValidity());
    }

    @Test
    void expungedUidIsNeverReused() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        var a = f.append(inbox, StoreFixture.message("a", "a"), Flags.of(Flags.DELETED));
        assertThat(inbox.expunge(Optional.empty())).containsExactly(a.uid());
        f.restart();
        inbox = f.store.account(alice).open(MailboxName.INBOX);
        var b = f.append(inbox, StoreFixture.message("b", "b"), Flags.NONE);
        assertThat(b.uid()).isGreaterThan(a.uid());
    }

    @Test
    void contentIsByteIdenticalSmallAndSpooled() throws Exception {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        byte[] small = StoreFixture.message("small", "hello");
        var big = new StringBuilder();
        while (big.length() < 3_000_000)
            big.append("line of a big message body ").append(big.length()).append("\r\n");
        byte[] large = StoreFixture.message("large", big.toString());
        long u1 = f.append(inbox, small, Flags.NONE).uid();
        long u2 = f.append(inbox, large, Flags.NONE).uid();
        f.restart();
        inbox = f.store.account(alice).open(MailboxName.INBOX);
        try (var in = inbox.content(u1)) {
            assertThat(in.readAllBytes()).isEqualTo(small);
        }
        try (var in = inbox.content(u2)) {
            assertThat(in.readAllBytes()).isEqualTo(large);
        }
        assertThat(inbox.fetch(UidSet.of(u2)).getFirst().size()).isEqualTo(large.length);
    }

    @Test
    void deliveryToSeveralRecipientsStoresTheBytesOnce() throws Exception {
        byte[] bytes = StoreFixture.message("shared", "for both");
        List<DeliveryResult> results;
        try (var staged = f.stage(bytes)) {
            results = f.store.deliver(
                    staged, List.of(new Recipient(alice, Optional.empty()), new Recipient(bob, Optional.empty())));
        }
        assertThat(results).allMatch(r -> r instanceof DeliveryResult.Delivered);
        var guid = f.store
                .account(alice)
                .open(MailboxName.INBOX)
                .fetch(UidSet.ALL)
                .getFirst()
                .guid();
        var blob = f.store.read(r -> r.blob(guid)).orElseThrow();
        assertThat(blob.refCount()).isEqualTo(2);
        long entries = java.nio.file.Files.size(f.store.segments().path(blob.segment()));
        assertThat(entries).isEqualTo(48 + bytes.length); // one entry in the segment
    }

    @Test
    void deliveryIntoFolderFallsBackToInbox() {
        try (var staged = f.stage(StoreFixture.message("f", "f"))) {
            var results = f.store.deliver(
                    staged,
                    List.of(
                            new Recipient(alice, Optional.of(name("Archive"))),
                            new Recipient(bob, Optional.of(name("NoSuchFolder")))));
            assertThat(results)
                    .containsExactly(
                            new DeliveryResult.Delivered(name("Archive"), 1),
                            new DeliveryResult.Delivered(MailboxName.INBOX, 1));
        }
    }

    @Test
    void overQuotaRecipientIsRejectedAloneAndNothingIsStoredForIt() {
        var tight = new Account(3, "carol@example.com", new QuotaLimits(10, 0));
        try (var staged = f.stage(StoreFixture.message("q", "too big for carol"))) {
            var results = f.store.deliver(
                    staged, List.of(new Recipient(tight, Optional.empty()), new Recipient(alice, Optional.empty())));
            assertThat(results.get(0)).isEqualTo(new DeliveryResult.Rejected(Reason.OVER_QUOTA, "quota exceeded"));
            assertThat(results.get(1)).isInstanceOf(DeliveryResult.Delivered.class);
        }
        assertThat(f.store.account(tight).quotaUsage().messages()).isZero();
        assertThat(f.store.account(alice).quotaUsage().messages()).isEqualTo(1);
    }

    @Test
    void unchangedSinceLeavesNewerMessagesAlone() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        long u1 = f.append(inbox, StoreFixture.message("1", "1"), Flags.NONE).uid();
        long mod1 = inbox.info().highestModSeq();
        long u2 = f.append(inbox, StoreFixture.message("2", "2"), Flags.NONE).uid();
        var result = inbox.store(
                UidSet.ALL, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.FLAGGED)), OptionalLong.of(mod1));
        assertThat(result.modifiedSince()).containsExactly(u2);
        assertThat(inbox.fetch(UidSet.of(u1)).getFirst().flags().has(Flags.FLAGGED))
                .isTrue();
        assertThat(inbox.fetch(UidSet.of(u2)).getFirst().flags().has(Flags.FLAGGED))
                .isFalse();
    }

    @Test
    void storeThatChangesNothingKeepsTheModSeq() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        f.append(inbox, StoreFixture.message("1", "1"), Flags.of(Flags.SEEN));
        long before = inbox.info().highestModSeq();
        inbox.store(UidSet.ALL, new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)), OptionalLong.empty());
        assertThat(inbox.info().highestModSeq()).isEqualTo(before);
    }

    @Test
    void changesSinceReportsChangedRecordsAndVanishedUids() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        long u1 = f.append(inbox, StoreFixture.message("1", "1"), Flags.NONE).uid();
        long u2 = f.append(inbox, StoreFixture.message("2", "2"), Flags.NONE).uid();
        long u3 = f.append(inbox, StoreFixture.message("3", "3"), Flags.NONE).uid();
        long mark = inbox.info().highestModSeq();
        inbox.store(UidSet.of(u1), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.SEEN)), OptionalLong.empty());
        inbox.store(UidSet.of(u2), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.DELETED)), OptionalLong.empty());
        inbox.expunge(Optional.empty());
        var changes = inbox.changesSince(mark);
        assertThat(changes.changed()).extracting(MessageRecord::uid).containsExactly(u1);
        assertThat(changes.vanished()).containsExactly(u2);
        assertThat(changes.highestModSeq()).isEqualTo(inbox.info().highestModSeq());
        assertThat(inbox.changesSince(changes.highestModSeq()).changed()).isEmpty();
        assertThat(inbox.uids()).containsExactly(u1, u3);
        assertThat(inbox.fetchBySequence(2, 2)).extracting(MessageRecord::uid).containsExactly(u3);
    }

    @Test
    void copyAndMoveGiveNewUidsInTheTarget() {
        var mail = f.store.account(alice);
        var inbox = mail.open(MailboxName.INBOX);
        long u1 = f.append(inbox, StoreFixture.message("1", "1"), Flags.of(Flags.FLAGGED))
                .uid();
        long u2 = f.append(inbox, StoreFixture.message("2", "2"), Flags.NONE).uid();
        var copied = inbox.copy(UidSet.of(u1), name("Archive"));
        assertThat(copied.sourceUids()).containsExactly(u1);
        assertThat(copied.targetUids()).containsExactly(1L);
        var moved = inbox.move(UidSet.of(u2), name("Archive"));
        assertThat(moved.targetUids()).containsExactly(2L);
        assertThat(inbox.uids()).containsExactly(u1);
        var archive = mail.open(name("Archive"));
        assertThat(archive.fetch(UidSet.ALL))
                .extracting(r -> r.flags().has(Flags.FLAGGED))
                .containsExactly(true, false);
        assertThat(mail.quotaUsage().messages()).isEqualTo(3);
    }

    @Test
    void renameKeepsIdsAndTakesChildrenAlong() {
        var mail = f.store.account(alice);
        var parent = mail.create(name("Projects/2026"), Set.of());
        var before = mail.find(name("Projects")).orElseThrow().id();
        mail.rename(name("Projects"), name("Old/Projects"));
        assertThat(mail.find(name("Old/Projects")).orElseThrow().id()).isEqualTo(before);
        assertThat(mail.find(name("Old/Projects/2026")).orElseThrow().id()).isEqualTo(parent.id());
        assertThat(mail.find(name("Projects"))).isEmpty();
        assertThatThrownBy(() -> mail.rename(name("Old"), name("Old/Projects/x")))
                .isInstanceOf(MailboxException.class);
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        var mail = f.store.account(alice);
        var inbox = mail.open(MailboxName.INBOX);
        f.append(inbox, StoreFixture.message("1", "1"), Flags.NONE);
        var inboxId = inbox.id();
        mail.rename(MailboxName.INBOX, name("Saved"));
        assertThat(mail.find(MailboxName.INBOX).orElseThrow().id()).isEqualTo(inboxId);
        assertThat(inbox.info().messages()).isZero();
        assertThat(mail.find(name("Saved")).orElseThrow().messages()).isEqualTo(1);
    }

    @Test
    void inboxAndParentsCannotBeDeleted() {
        var mail = f.store.account(alice);
        mail.create(name("a/b"), Set.of());
        assertThatThrownBy(() -> mail.delete(MailboxName.INBOX))
                .extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(Reason.CANNOT);
        assertThatThrownBy(() -> mail.delete(name("a")))
                .extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(Reason.CANNOT);
        mail.delete(name("a/b"));
        mail.delete(name("a"));
        assertThat(mail.find(name("a"))).isEmpty();
        assertThatThrownBy(() -> mail.create(name("Sent"), Set.of()))
                .extracting(e -> ((MailboxException) e).reason())
                .isEqualTo(Reason.ALREADY_EXISTS);
    }

    @Test
    void oneAccountNeverReachesAnothersMailboxes() {
        var bobInbox = f.store.account(bob).open(MailboxName.INBOX);
        f.append(bobInbox, StoreFixture.message("secret", "for bob"), Flags.NONE);
        var aliceMail = f.store.account(alice);
        aliceMail.create(name("Mine"), Set.of());
        assertThat(aliceMail.list()).noneMatch(i -> i.id().equals(bobInbox.id()));
        var aliceInbox = aliceMail.open(MailboxName.INBOX);
        assertThat(aliceInbox.fetch(UidSet.ALL)).isEmpty();
        // A handle cannot be pointed at another account's mailbox by id either.
        var forged = new StoredMailbox(f.store, alice, bobInbox.id());
        assertThatThrownBy(forged::info).isInstanceOf(MailboxException.class);
        assertThatThrownBy(() -> forged.fetch(UidSet.ALL)).isInstanceOf(MailboxException.class);
        assertThatThrownBy(() -> forged.copy(UidSet.ALL, name("Mine"))).isInstanceOf(MailboxException.class);
    }

    @Test
    void everyChangeQueuesAnEntryOnEveryChannel() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        f.append(inbox, StoreFixture.message("1", "1"), Flags.NONE);
        for (String channel : List.of("replica-a", "replica-b")) {
            var entries = new ArrayList<Object>();
            f.store.read(r -> {
                byte[] prefix = Keys.channelPrefix(channel);
                try (var c = r.view.scan(Table.CHANNELS, prefix, Keys.after(prefix))) {
                    for (; c.valid(); c.next())
                        entries.add(org.slotmail.store.record.ChangeEntry.decode(
                                org.slotmail.store.record.Frame.open(c.key(), c.value())));
                }
                return null;
            });
            assertThat(entries)
                    .filteredOn(e -> e instanceof org.slotmail.store.record.ChangeEntry.MailboxChanged m
                            && m.mailbox().equals(inbox.id()))
                    .as("the INBOX changes queued on " + channel)
                    .hasSizeGreaterThanOrEqualTo(2); // created at provisioning, then the append
        }
    }

    @Test
    void listenersHearOfCommittedChanges() throws Exception {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        var heard = new CountDownLatch(1);
        try (var ignored = inbox.listen(id -> heard.countDown())) {
            f.append(inbox, StoreFixture.message("1", "1"), Flags.NONE);
            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void concurrentDeliveriesAllLandWithDistinctUids() throws Exception {
        var uids = new ConcurrentLinkedQueue<Long>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 400; i++) {
                int n = i;
                pool.submit(() -> {
                    try (var staged = f.stage(StoreFixture.message("m" + n, "body " + n))) {
                        var r = f.store.deliver(staged, List.of(new Recipient(alice, Optional.empty())));
                        uids.add(((DeliveryResult.Delivered) r.getFirst()).uid());
                    }
                    return null;
                });
            }
        }
        assertThat(uids).hasSize(400).doesNotHaveDuplicates();
        assertThat(f.store.account(alice).open(MailboxName.INBOX).info().messages())
                .isEqualTo(400);
        f.close();
        assertThat(StoreCheck.run(dir, s -> {}).damages()).isEmpty();
        f.store = SlotStore.open(StoreSettings.defaults(dir));
    }

    @Test
    void internalDateAndSaveDateAreKept() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        var when = Instant.parse("2020-01-02T03:04:05Z");
        try (var staged = f.stage(StoreFixture.message("d", "d"))) {
            inbox.append(staged, Flags.NONE, when);
        }
        var r = inbox.fetch(UidSet.ALL).getFirst();
        assertThat(r.internalDate()).isEqualTo(when);
        assertThat(r.saveDate()).isAfter(when);
    }

    @Test
    void largeReadsServedFromTheDecodedRecordsSeeEveryLaterChange() {
        var inbox = f.store.account(alice).open(MailboxName.INBOX);
        for (int i = 0; i < RecordCache.MIN_RECORDS + 100; i++)
            f.append(inbox, StoreFixture.message("m" + i, "body " + i), Flags.NONE);
        var all = inbox.fetch(UidSet.ALL); // large: read whole and kept
        assertThat(all).hasSize(RecordCache.MIN_RECORDS + 100);
        assertThat(inbox.fetch(UidSet.range(5, 9)))
                .extracting(MessageRecord::uid)
                .containsExactly(5L, 6L, 7L, 8L, 9L);

        inbox.store(UidSet.of(7), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.FLAGGED)), OptionalLong.empty());
        inbox.store(UidSet.of(8), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.of(Flags.DELETED)), OptionalLong.empty());
        inbox.expunge(Optional.of(UidSet.of(8)));
        long added = f.append(inbox, StoreFixture.message("late", "late"), Flags.NONE)
                .uid();

        var again = inbox.fetch(UidSet.ALL);
        assertThat(again).hasSize(RecordCache.MIN_RECORDS + 100);
        assertThat(again).extracting(MessageRecord::uid).doesNotContain(8L).contains(added);
        assertThat(again.stream()
                        .filter(r -> r.uid() == 7)
                        .findFirst()
                        .orElseThrow()
                        .flags()
                        .has(Flags.FLAGGED))
                .isTrue();
        // The same records whichever way they are read: in chunks, several ranges, or by number.
        var chunks = new ArrayList<MessageRecord>();
        for (long first = 1; first <= added; first += 500) chunks.addAll(inbox.fetch(UidSet.range(first, first + 499)));
        assertThat(chunks).isEqualTo(again);
        assertThat(inbox.fetch(UidSet.of(List.of(1L, 2L, 8L, 9L, added))))
                .extracting(MessageRecord::uid)
                .containsExactly(1L, 2L, 9L, added);
        assertThat(inbox.fetchBySequence(1, again.size())).isEqualTo(again);
    }
}
