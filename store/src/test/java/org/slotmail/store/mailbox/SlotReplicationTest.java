package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.check.StoreCheck;
import org.slotmail.store.record.ChangeEntry;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ParkedChange;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;

class SlotReplicationTest {
    @TempDir
    Path masterDir;

    @TempDir
    Path replicaDir;

    StoreFixture a;
    StoreFixture b;
    final Account alice = StoreFixture.account(1, "alice@example.com");

    @BeforeEach
    void open() {
        a = new StoreFixture(masterDir, List.of("to-b"));
        b = new StoreFixture(replicaDir, List.of("to-c"));
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    ReplicaStore master() {
        return a.store.replication();
    }

    ReplicaStore replica() {
        return b.store.replication();
    }

    void drain() {
        new ChannelDrain(master(), "to-b", replica()).drain(100);
    }

    static MailboxName name(String n) {
        return new MailboxName(n);
    }

    MailboxId idOf(StoreFixture f, String mailbox) {
        return f.store.account(alice).find(name(mailbox)).orElseThrow().id();
    }

    MailboxState stateOf(StoreFixture f, String mailbox) {
        return f.store.replication().states(List.of(idOf(f, mailbox))).getFirst();
    }

    long append(String mailbox, String subject) {
        var box = a.store.account(alice).open(name(mailbox));
        return a.append(box, StoreFixture.message(subject, "body of " + subject), Flags.NONE)
                .uid();
    }

    @Test
    void drainedReplicaHoldsTheSameRecordsSummariesAndBytes() throws IOException {
        append("INBOX", "one");
        append("INBOX", "two");
        drain();
        var onA = a.store.account(alice).open(MailboxName.INBOX);
        var onB = b.store.account(alice).open(MailboxName.INBOX);
        assertThat(onB.fetch(UidSet.ALL)).isEqualTo(onA.fetch(UidSet.ALL));
        assertThat(onB.summary(2)).isEqualTo(onA.summary(2));
        try (InputStream x = onA.content(1);
                InputStream y = onB.content(1)) {
            assertThat(y.readAllBytes()).isEqualTo(x.readAllBytes());
        }
        assertThat(stateOf(b, "INBOX")).isEqualTo(stateOf(a, "INBOX"));
        assertThat(b.store.account(alice).subscriptions())
                .isEqualTo(a.store.account(alice).subscriptions());
    }

    @Test
    void aFlagChangeTravelsWithoutSummariesAndTheReplicaKeepsItsOwn() {
        append("INBOX", "one");
        long two = append("INBOX", "two");
        drain();
        MailboxId inbox = idOf(a, "INBOX");
        long since = stateOf(a, "INBOX").highestModSeq();
        a.store
                .account(alice)
                .open(MailboxName.INBOX)
                .store(
                        UidSet.of(two),
                        new org.slotmail.mailbox.FlagUpdate(
                                org.slotmail.mailbox.FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.FLAGGED)),
                        java.util.OptionalLong.empty());
        long replicaUidNext = stateOf(b, "INBOX").uidNext();

        MailboxChanges changes =
                master().changesSince(inbox, since, replicaUidNext).orElseThrow();
        assertThat(changes.records()).singleElement().satisfies(m -> {
            assertThat(m.record().uid()).isEqualTo(two);
            assertThat(m.summary()).isNull();
        });
        // Without the bound the summary comes along, as before.
        assertThat(master().changesSince(inbox, since)
                        .orElseThrow()
                        .records()
                        .getFirst()
                        .summary())
                .isNotNull();

        var update = new ReplicaUpdate.Mailbox(changes.state(), changes.records(), changes.expunged(), false);
        assertThat(replica().apply(List.of(update), List.of(), false))
                .singleElement()
                .isInstanceOf(ApplyResult.Applied.class);
        var onA = a.store.account(alice).open(MailboxName.INBOX);
        var onB = b.store.account(alice).open(MailboxName.INBOX);
        assertThat(onB.fetch(UidSet.ALL)).isEqualTo(onA.fetch(UidSet.ALL));
        assertThat(onB.summary(two)).isEqualTo(onA.summary(two));
        assertThat(stateOf(b, "INBOX")).isEqualTo(stateOf(a, "INBOX"));
    }

    @Test
    void renameByUpdateKeepsTheMailboxAndItsRecords() {
        append("Drafts", "draft");
        drain();
        MailboxId drafts = idOf(b, "Drafts");
        a.store.account(alice).rename(name("Drafts"), name("Entwürfe"));
        drain();
        assertThat(b.store.account(alice).find(name("Drafts"))).isEmpty();
        var renamed = b.store.account(alice).find(name("Entwürfe")).orElseThrow();
        assertThat(renamed.id()).isEqualTo(drafts);
        assertThat(renamed.messages()).isEqualTo(1);
    }

    @Test
    void aNameHeldByAMailboxTheBatchLeavesAloneIsNameTakenAndNothingApplies() {
        drain();
        MailboxState sent = stateOf(b, "Sent");
        MailboxState trash = stateOf(b, "Trash");
        var wantsTrash = withName(sent, "Trash");
        var results = replica().apply(List.of(mailboxUpdate(wantsTrash)), List.of(), false);
        assertThat(results).containsExactly(new ApplyResult.NameTaken(sent.id(), trash.id()));
        assertThat(stateOf(b, "Sent")).isEqualTo(sent);
        assertThat(stateOf(b, "Trash")).isEqualTo(trash);
    }

    @Test
    void namesSwappedInOneBatchBothApply() {
        drain();
        MailboxState sent = stateOf(b, "Sent");
        MailboxState trash = stateOf(b, "Trash");
        var results = replica()
                .apply(
                        List.of(mailboxUpdate(withName(sent, "Trash")), mailboxUpdate(withName(trash, "Sent"))),
                        List.of(),
                        false);
        assertThat(results).allMatch(r -> r instanceof ApplyResult.Applied);
        assertThat(idOf(b, "Trash")).isEqualTo(sent.id());
        assertThat(idOf(b, "Sent")).isEqualTo(trash.id());
    }

    @Test
    void swapThroughATemporaryNameOnTheMasterReplicates() {
        append("Sent", "s");
        drain();
        var mail = a.store.account(alice);
        mail.rename(name("Sent"), name("tmp"));
        mail.rename(name("Trash"), name("Sent"));
        mail.rename(name("tmp"), name("Trash"));
        var drain = new ChannelDrain(master(), "to-b", replica());
        drain.drain(1); // one entry at a time: the replica must answer NameTaken and be given the holder
        assertThat(idOf(b, "Trash")).isEqualTo(idOf(a, "Trash"));
        assertThat(idOf(b, "Sent")).isEqualTo(idOf(a, "Sent"));
        assertThat(b.store.account(alice).find(name("Trash")).orElseThrow().messages())
                .isEqualTo(1);
        assertThat(b.store.account(alice).list())
                .hasSameSizeAs(a.store.account(alice).list());
    }

    @Test
    void fullUpdateRemovesRecordsAndTombstonesItDoesNotList() {
        append("INBOX", "keep");
        long gone = append("INBOX", "gone");
        var inbox = a.store.account(alice).open(MailboxName.INBOX);
        drain();
        // The replica diverged: a record and a tombstone the master never had.
        inbox.store(
                UidSet.of(gone),
                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.DELETED)),
                OptionalLong.empty());
        inbox.expunge(Optional.empty());
        var masterInbox = master().changesSince(idOf(a, "INBOX"), 0).orElseThrow();
        var replicaInbox = replica().changesSince(idOf(b, "INBOX"), 0).orElseThrow();
        assertThat(replicaInbox.records()).hasSize(2);

        var full = new ReplicaUpdate.Mailbox(masterInbox.state(), masterInbox.records(), masterInbox.expunged(), true);
        var result = replica().apply(List.of(full), List.of(), false).getFirst();

        assertThat(((ApplyResult.Applied) result).after()).isEqualTo(masterInbox.state());
        var after = replica().changesSince(idOf(b, "INBOX"), 0).orElseThrow();
        assertThat(after.records())
                .extracting(r -> r.record())
                .isEqualTo(masterInbox.records().stream()
                        .map(ReplicatedMessage::record)
                        .toList());
        assertThat(after.expunged()).isEqualTo(masterInbox.expunged());
        assertThat(damagesOf(b)).isEmpty();
    }

    @Test
    void fullUpdateDropsATombstoneTheMasterDoesNotHave() {
        append("INBOX", "x");
        drain();
        MailboxState inbox = stateOf(b, "INBOX");
        var strayTombstone = new Tombstone(7, inbox.highestModSeq() + 1, null);
        var target = new MailboxState(
                inbox.id(),
                1,
                MailboxName.INBOX,
                inbox.uidValidity(),
                8,
                inbox.highestModSeq() + 1,
                inbox.messages(),
                inbox.syncCrc(),
                Set.of());
        replica()
                .apply(
                        List.of(new ReplicaUpdate.Mailbox(target, List.of(), List.of(strayTombstone), false)),
                        List.of(),
                        false);
        assertThat(replica().changesSince(inbox.id(), 0).orElseThrow().expunged())
                .hasSize(1);

        var records = replica().changesSince(inbox.id(), 0).orElseThrow().records();
        replica().apply(List.of(new ReplicaUpdate.Mailbox(target, records, List.of(), true)), List.of(), false);
        assertThat(replica().changesSince(inbox.id(), 0).orElseThrow().expunged())
                .isEmpty();
        assertThat(replica().changesSince(inbox.id(), 0).orElseThrow().records())
                .isEqualTo(records);
    }

    @Test
    void tombstonesCarryTheGuidTheUidNamed() {
        long uid = append("INBOX", "doomed");
        var inbox = a.store.account(alice).open(MailboxName.INBOX);
        Guid guid = inbox.fetch(UidSet.of(uid)).getFirst().guid();
        long before = inbox.info().highestModSeq();
        inbox.store(
                UidSet.of(uid),
                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.DELETED)),
                OptionalLong.empty());
        inbox.expunge(Optional.empty());

        var changes = master().changesSince(inbox.id(), before).orElseThrow();
        assertThat(changes.expunged()).containsExactly(new Tombstone(uid, before + 2, guid));
        // QRESYNC's view of the same index is unchanged.
        assertThat(inbox.changesSince(before).vanished()).containsExactly(uid);

        drain();
        var onReplica = replica().changesSince(inbox.id(), 0).orElseThrow();
        assertThat(onReplica.expunged()).containsExactly(new Tombstone(uid, before + 2, guid));
        assertThat(b.store
                        .account(alice)
                        .open(MailboxName.INBOX)
                        .changesSince(before)
                        .vanished())
                .containsExactly(uid);
    }

    @Test
    void aDeletedMailboxIsRememberedAndForgottenWhenSyncRecreatesIt() {
        var mail = a.store.account(alice);
        var created = mail.create(name("Projects"), Set.of());
        drain();
        MailboxState asReplicated = stateOf(b, "Projects");
        mail.delete(name("Projects"));
        drain();

        assertThat(master().deletedMailboxes(1)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(created.id());
            assertThat(d.name()).isEqualTo(name("Projects"));
            assertThat(d.uidValidity()).isEqualTo(created.uidValidity());
        });
        assertThat(replica().deletedMailboxes(1)).extracting(d -> d.id()).containsExactly(created.id());
        assertThat(b.store.account(alice).find(name("Projects"))).isEmpty();

        replica().apply(List.of(mailboxUpdate(asReplicated)), List.of(), false);
        assertThat(replica().deletedMailboxes(1)).isEmpty();
        assertThat(stateOf(b, "Projects")).isEqualTo(asReplicated);
    }

    @Test
    void purgingAnAccountRemembersItsMailboxesAsDeleted() {
        a.store.account(alice);
        drain();
        a.store.purgeAccount(1);
        drain();
        assertThat(replica().account(1)).isEmpty();
        assertThat(replica().mailboxesOf(1)).isEmpty();
        assertThat(replica().deletedMailboxes(1)).hasSize(6);
        assertThat(master().deletedMailboxes(1)).hasSize(6);
    }

    @Test
    void applyingWithoutQueueingLeavesTheReplicasChannelsEmptyButListenersHear() throws Exception {
        var heard = new AtomicInteger();
        var woken = new AtomicInteger();
        try (var l = b.store.listenAll(id -> heard.incrementAndGet());
                var w = replica().onQueued(woken::incrementAndGet)) {
            append("INBOX", "one");
            drain();
            assertThat(replica().pending("to-c", 10)).isEmpty();
            assertThat(replica().backlog("to-c").entries()).isZero();
            assertThat(heard.get()).isPositive();
            assertThat(woken.get()).isZero();

            // A master writing a reconciliation's outcome queues it like any change.
            MailboxState inbox = stateOf(b, "INBOX");
            var renamed = withName(inbox, "Inbox-old");
            assertThat(replica()
                            .apply(List.of(mailboxUpdate(renamed)), List.of(), true)
                            .getFirst())
                    .isInstanceOf(ApplyResult.Applied.class);
            assertThat(replica().pending("to-c", 10))
                    .extracting(q -> q.change())
                    .singleElement()
                    .isInstanceOfSatisfying(
                            ChangeEntry.MailboxChanged.class,
                            m -> assertThat(m.mailbox()).isEqualTo(inbox.id()));
            assertThat(woken.get()).isEqualTo(1);
        }
    }

    @Test
    void onQueuedWakesAfterEveryCommitThatQueued() throws Exception {
        var woken = new AtomicInteger();
        try (var w = master().onQueued(woken::incrementAndGet)) {
            append("INBOX", "one");
            assertThat(woken.get()).isEqualTo(2); // provisioning, then the append
            master().acknowledge("to-b", Long.MAX_VALUE);
            master().park("to-b", new ParkedChange(new ChangeEntry.AccountChanged(1, 5), "x", 6, 1));
            assertThat(woken.get()).isEqualTo(2);
        }
        append("INBOX", "two");
        assertThat(woken.get()).isEqualTo(2);
    }

    @Test
    void acknowledgedEntriesAreGoneForGoodAndTheirNumbersNeverComeBack() {
        append("INBOX", "one");
        append("INBOX", "two");
        var pending = master().pending("to-b", 100);
        assertThat(pending).hasSizeGreaterThan(2);
        long second = pending.get(1).seq();
        master().acknowledge("to-b", second);
        assertThat(master().pending("to-b", 100)).extracting(q -> q.seq()).allMatch(s -> s > second);

        master().acknowledge("to-b", pending.getLast().seq());
        a.restart();
        assertThat(master().pending("to-b", 100)).isEmpty();
        append("INBOX", "three");
        assertThat(master().pending("to-b", 100))
                .extracting(q -> q.seq())
                .allMatch(s -> s > pending.getLast().seq());
    }

    @Test
    void aDeliveryQueuesItsMailboxAloneAndTheReplicaCountsItsOwnUsage() {
        append("INBOX", "provisioned first");
        drain();
        master().acknowledge("to-b", Long.MAX_VALUE);
        append("INBOX", "one");
        // The account's quota usage changed too, but usage is not replicated: no account entry.
        assertThat(master().pending("to-b", 10))
                .extracting(q -> q.change())
                .singleElement()
                .isInstanceOfSatisfying(
                        ChangeEntry.MailboxChanged.class,
                        m -> assertThat(m.mailbox()).isEqualTo(idOf(a, "INBOX")));
        drain();
        assertThat(b.store.account(alice).quotaUsage())
                .isEqualTo(a.store.account(alice).quotaUsage());
    }

    @Test
    void acknowledgingBeyondTheLastEntryHidesNoLaterOne() {
        append("INBOX", "one");
        long last = master().pending("to-b", 100).getLast().seq();
        // Reads of the queue start after the last acknowledged number: one larger than any given
        // must not hide the entries that follow, before or after a restart.
        master().acknowledge("to-b", last + 100);
        assertThat(master().pending("to-b", 100)).isEmpty();
        append("INBOX", "two");
        assertThat(master().pending("to-b", 100)).isNotEmpty().allMatch(q -> q.seq() > last);
        assertThat(master().backlog("to-b").entries())
                .isEqualTo(master().pending("to-b", 100).size());
        master().acknowledge("to-b", Long.MAX_VALUE);
        a.restart();
        append("INBOX", "three");
        assertThat(master().pending("to-b", 100)).isNotEmpty().allMatch(q -> q.seq() > last);
        assertThat(master().backlog("to-b").entries())
                .isEqualTo(master().pending("to-b", 100).size());
    }

    @Test
    void aQueueReadAfterManyAcknowledgementsStartsAtTheFirstUnacknowledgedEntry() {
        for (int i = 0; i < 30; i++) append("INBOX", "message " + i);
        var all = master().pending("to-b", 1000);
        for (int i = 0; i < all.size() - 5; i += 7)
            master().acknowledge("to-b", all.get(i).seq());
        long acknowledged = all.get(((all.size() - 6) / 7) * 7).seq();
        assertThat(master().pending("to-b", 1000))
                .extracting(q -> q.seq())
                .containsExactlyElementsOf(all.stream()
                        .map(q -> q.seq())
                        .filter(s -> s > acknowledged)
                        .toList());
        assertThat(master().pending("to-b", 2))
                .extracting(q -> q.seq())
                .containsExactly(acknowledged + 1, acknowledged + 2);
    }

    @Test
    void backlogCountsEntriesAndTheAgeOfTheOldest(@TempDir Path dir) {
        var clock = new MovableClock(Instant.parse("2026-11-23T10:00:00Z"));
        try (var store = SlotStore.open(StoreSettings.defaults(dir).withChannels(List.of("r")), clock)) {
            var replication = store.replication();
            assertThat(replication.backlog("r")).isEqualTo(new org.slotmail.store.replica.Backlog("r", 0, 0));
            store.account(alice); // provisioning: the account and its six folders
            clock.advance(1500);
            store.account(alice).create(name("More"), Set.of());
            var backlog = replication.backlog("r");
            assertThat(backlog.entries())
                    .isEqualTo(replication.pending("r", 100).size());
            assertThat(backlog.oldestAgeMillis()).isEqualTo(1500);
            replication.acknowledge(
                    "r", replication.pending("r", 100).getFirst().seq());
            assertThat(replication.backlog("r").entries()).isEqualTo(backlog.entries() - 1);
        }
    }

    @Test
    void parkedChangesSurviveARestartOnePerMailbox() {
        MailboxId box = MailboxId.random();
        master().park("to-b", new ParkedChange(new ChangeEntry.MailboxChanged(box, 1), "first failure", 10, 1));
        master().park("to-b", new ParkedChange(new ChangeEntry.MailboxChanged(box, 2), "still failing", 20, 5));
        master().park("to-b", new ParkedChange(new ChangeEntry.AccountChanged(1, 3), "account", 30, 1));
        master().park("other", new ParkedChange(new ChangeEntry.AccountChanged(1, 3), "elsewhere", 30, 1));
        a.restart();
        assertThat(master().parked("to-b"))
                .containsExactlyInAnyOrder(
                        new ParkedChange(new ChangeEntry.MailboxChanged(box, 2), "still failing", 20, 5),
                        new ParkedChange(new ChangeEntry.AccountChanged(1, 3), "account", 30, 1));
        master().unpark("to-b", new ChangeEntry.MailboxChanged(box, 99));
        assertThat(master().parked("to-b")).extracting(ParkedChange::reason).containsExactly("account");
        assertThat(master().parked("other")).hasSize(1);
        assertThat(damagesOf(a)).isEmpty();
    }

    @Test
    void bytesThatDoNotHashToTheirGuidAreRefused() {
        byte[] bytes = StoreFixture.message("real", "real body");
        Guid other = Guid.of(IncomingMessage.sha256().digest("something else".getBytes()));
        assertThatThrownBy(() -> replica().receiveBlob(other, new ByteArrayInputStream(bytes), bytes.length))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("hash to");
        Guid right = Guid.of(IncomingMessage.sha256().digest(bytes));
        assertThatThrownBy(() -> replica().receiveBlob(right, new ByteArrayInputStream(bytes, 0, 10), bytes.length))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ended after 10");
    }

    @Test
    void bytesArrivingWithTheirMastersSummaryAreNotParsedAgain() {
        append("INBOX", "one");
        append("INBOX", "two");
        var inbox = master().changesSince(idOf(a, "INBOX"), 0).orElseThrow();
        assertThat(inbox.records()).allMatch(r -> r.summary() != null);
        List<org.slotmail.mailbox.StagedMessage> blobs = new ArrayList<>();
        for (var r : inbox.records()) {
            try (InputStream in = master().blob(r.record().guid())) {
                blobs.add(
                        replica().receiveBlob(r.record().guid(), in, r.record().size()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        var results = replica()
                .apply(
                        List.of(
                                new ReplicaUpdate.Account(master().account(1).orElseThrow()),
                                new ReplicaUpdate.Mailbox(inbox.state(), inbox.records(), List.of(), false)),
                        blobs,
                        false);
        assertThat(results.get(1)).isEqualTo(new ApplyResult.Applied(inbox.state()));
        assertThat(blobs).allMatch(m -> !((StagedBytes) m).summaryParsed());
        blobs.forEach(org.slotmail.mailbox.StagedMessage::close);
        var onA = a.store.account(alice).open(MailboxName.INBOX);
        var onB = b.store.account(alice).open(MailboxName.INBOX);
        assertThat(onB.summary(2)).isEqualTo(onA.summary(2));
        assertThat(damagesOf(b)).isEmpty();
    }

    @Test
    void aLargeMessageIsSpooledAndStoredWhole(@TempDir Path dir) throws IOException {
        var settings = new StoreSettings(dir, List.of(), 64L << 20, 4096);
        try (var replica = SlotStore.open(settings)) {
            var body = "x".repeat(300_000);
            byte[] bytes = StoreFixture.message("big", body);
            var box = a.store.account(alice).open(MailboxName.INBOX);
            a.append(box, bytes, Flags.NONE);
            new ChannelDrain(master(), "to-b", replica.replication()).replicate(List.of(1L), List.of(box.id()), false);
            try (InputStream in = replica.account(alice).open(MailboxName.INBOX).content(1)) {
                assertThat(in.readAllBytes()).isEqualTo(bytes);
            }
        }
        assertThat(StoreCheck.run(dir, s -> {}).damages()).isEmpty();
    }

    @Test
    void aFailingUpdateLeavesTheOthersApplied() {
        append("INBOX", "fine");
        var inbox = master().changesSince(idOf(a, "INBOX"), 0).orElseThrow();
        var account = new ReplicaUpdate.Account(master().account(1).orElseThrow());
        var missingBytes = new MessageRecord(1, 2, Flags.NONE, Instant.EPOCH, Instant.EPOCH, 10, Guid.of(new byte[32]));
        MailboxState sent = master().states(List.of(idOf(a, "Sent"))).getFirst();
        var sentTarget = new MailboxState(sent.id(), 1, sent.name(), sent.uidValidity(), 2, 2, 1, 0, sent.specialUse());
        var broken = new ReplicaUpdate.Mailbox(
                sentTarget, List.of(new ReplicatedMessage(missingBytes, null)), List.of(), false);
        List<org.slotmail.mailbox.StagedMessage> blobs = new ArrayList<>();
        for (var r : inbox.records()) {
            try (InputStream in = master().blob(r.record().guid())) {
                blobs.add(
                        replica().receiveBlob(r.record().guid(), in, r.record().size()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        var results = replica()
                .apply(
                        List.of(
                                account,
                                broken,
                                new ReplicaUpdate.Mailbox(inbox.state(), inbox.records(), List.of(), false)),
                        blobs,
                        false);
        blobs.forEach(org.slotmail.mailbox.StagedMessage::close);

        assertThat(results.get(0)).isEqualTo(ApplyResult.Applied.NO_STATE);
        assertThat(results.get(1))
                .isInstanceOfSatisfying(
                        ApplyResult.Failed.class,
                        f -> assertThat(f.reason()).contains("neither here nor in the batch"));
        assertThat(results.get(2)).isEqualTo(new ApplyResult.Applied(inbox.state()));
        assertThat(replica().states(List.of(sent.id()))).isEmpty();
        assertThat(damagesOf(b)).isEmpty();
    }

    @Test
    void aMailboxUpdateBeforeItsAccountFails() {
        append("INBOX", "x");
        var inbox = master().changesSince(idOf(a, "INBOX"), 0).orElseThrow();
        var result = replica()
                .apply(
                        List.of(new ReplicaUpdate.Mailbox(inbox.state(), List.of(), List.of(), false)),
                        List.of(),
                        false);
        assertThat(result.getFirst())
                .isInstanceOfSatisfying(
                        ApplyResult.Failed.class,
                        f -> assertThat(f.reason()).contains("Account update must come first"));
    }

    @Test
    void uidsAndModSeqsNeverGoBackAndAPromotedReplicaContinuesAboveThem() {
        append("INBOX", "one");
        drain();
        MailboxState inbox = stateOf(b, "INBOX");
        var backwards =
                new MailboxState(inbox.id(), 1, inbox.name(), inbox.uidValidity(), 1, 1, 0, 0, inbox.specialUse());
        assertThat(replica()
                        .apply(List.of(mailboxUpdate(backwards)), List.of(), false)
                        .getFirst())
                .isInstanceOfSatisfying(
                        ApplyResult.Failed.class, f -> assertThat(f.reason()).contains("would go back"));

        // The master's counters ran ahead (expunged messages the replica never saw).
        var ahead = new MailboxState(
                inbox.id(),
                1,
                inbox.name(),
                inbox.uidValidity(),
                40,
                90,
                inbox.messages(),
                inbox.syncCrc(),
                inbox.specialUse());
        replica().apply(List.of(mailboxUpdate(ahead)), List.of(), false);
        // Promoted: the replica's own next writes continue above the master's numbers.
        var promoted = b.store.account(alice).open(MailboxName.INBOX);
        long uid = b.append(promoted, StoreFixture.message("after", "promotion"), Flags.NONE)
                .uid();
        assertThat(uid).isEqualTo(40);
        assertThat(promoted.info().highestModSeq()).isEqualTo(91);
    }

    @Test
    void anAccountUpdateMakesNoFoldersAndSetsExactlyItsSubscriptions() {
        var target = new AccountState(7, "carol@example.com", Set.of(name("Lists"), name("INBOX")));
        replica().apply(List.of(new ReplicaUpdate.Account(target)), List.of(), false);
        assertThat(replica().account(7)).contains(target);
        assertThat(replica().mailboxesOf(7)).isEmpty();
        var fewer = new AccountState(7, "carol@example.com", Set.of(name("INBOX")));
        replica().apply(List.of(new ReplicaUpdate.Account(fewer)), List.of(), false);
        assertThat(replica().account(7)).contains(fewer);
        // Promoted later, the account is not provisioned a second time.
        var carol = StoreFixture.account(7, "carol@example.com");
        assertThat(b.store.account(carol).list()).isEmpty();
    }

    @Test
    void missingBytesAreReportedAndNotServed() {
        Guid nothing = Guid.of(new byte[32]);
        assertThat(replica().missingBlobs(List.of(nothing))).containsExactly(nothing);
        assertThatThrownBy(() -> replica().blob(nothing)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> replica().blobSize(nothing)).isInstanceOf(MailboxException.class);
    }

    @Test
    void aSummaryLeftOutIsParsedFromTheBytes() {
        append("INBOX", "parsed here");
        var inbox = master().changesSince(idOf(a, "INBOX"), 0).orElseThrow();
        var without = inbox.records().stream()
                .map(r -> new ReplicatedMessage(r.record(), null))
                .toList();
        new ChannelDrain(master(), "to-b", replica()).replicate(List.of(1L), List.of(), false);
        var blobs = new ArrayList<org.slotmail.mailbox.StagedMessage>();
        for (var r : without) {
            try (InputStream in = master().blob(r.record().guid())) {
                blobs.add(
                        replica().receiveBlob(r.record().guid(), in, r.record().size()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        replica().apply(List.of(new ReplicaUpdate.Mailbox(inbox.state(), without, List.of(), false)), blobs, false);
        blobs.forEach(org.slotmail.mailbox.StagedMessage::close);
        assertThat(replica()
                        .changesSince(inbox.state().id(), 0)
                        .orElseThrow()
                        .records()
                        .getFirst()
                        .summary())
                .isEqualTo(inbox.records().getFirst().summary());
    }

    /**
     * What {@code check} finds, with the store closed: a read-only open next to a writer can
     * fail while the writer deletes table files it compacted.
     */
    static List<org.slotmail.store.check.Damage> damagesOf(StoreFixture f) {
        f.store.close();
        try {
            return StoreCheck.run(f.dir, s -> {}).damages();
        } finally {
            f.store = SlotStore.open(f.store.settings());
        }
    }

    private static MailboxState withName(MailboxState s, String newName) {
        return new MailboxState(
                s.id(),
                s.accountId(),
                name(newName),
                s.uidValidity(),
                s.uidNext(),
                s.highestModSeq(),
                s.messages(),
                s.syncCrc(),
                s.specialUse());
    }

    private static ReplicaUpdate.Mailbox mailboxUpdate(MailboxState target) {
        return new ReplicaUpdate.Mailbox(target, List.of(), List.of(), false);
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
