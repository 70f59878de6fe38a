package org.slotmail.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.mailbox.StoreSettings;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;
import org.slotmail.sync.verify.Verifier;

/**
 * Split brain on two real slot stores: a common history on the old master, copied to the other
 * slot; then both take writes of every kind (the old master before it noticed, the new master
 * after a forced failover); then the old master rejoins and is reconciled. Both must end
 * identical (verify finds nothing), with no message lost, no UID naming two messages and no
 * MODSEQ going backwards.
 */
class ReconcilerPropertiesTest {
    private static final Account ALICE = new Account(1, "alice@example.com", QuotaLimits.UNLIMITED);

    sealed interface Op {
        record Deliver(int folder, int body) implements Op {}

        record SetFlags(int folder, int pick, int flags) implements Op {}

        record Expunge(int folder, int pick) implements Op {}

        record Move(int folder, int pick, int to) implements Op {}

        record Create(int folder) implements Op {}

        record Rename(int folder, int to) implements Op {}

        record Delete(int folder) implements Op {}
    }

    private static final List<String> FOLDERS = List.of("INBOX", "Work", "Lists", "Old");

    @Property(tries = 30)
    void bothSidesWritesSurviveAReconciliation(
            @ForAll("histories") List<Op> common,
            @ForAll("histories") List<Op> onOldMaster,
            @ForAll("histories") List<Op> onNewMaster)
            throws IOException {
        Path dir = Files.createTempDirectory("split-brain");
        try (var oldMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("a")));
                var newMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("b")))) {
            oldMaster.account(ALICE); // provisioned with its default folders
            common.forEach(op -> run(oldMaster, op));
            // The new master starts as an exact replica of the old one.
            var copy = new Verifier(oldMaster.replication(), newMaster.replication()).run(true, p -> {});
            assertThat(new Verifier(oldMaster.replication(), newMaster.replication())
                            .run(false, p -> {})
                            .differences())
                    .as("replica copied")
                    .isEmpty();
            assertThat(copy.accounts()).isEqualTo(1);

            onOldMaster.forEach(op -> run(oldMaster, op));
            onNewMaster.forEach(op -> run(newMaster, op));
            Snapshot a = Snapshot.of(oldMaster.replication()), b = Snapshot.of(newMaster.replication());

            new Reconciler(newMaster.replication(), oldMaster.replication()).reconcileAll();

            var after = new Verifier(newMaster.replication(), oldMaster.replication()).run(false, p -> {});
            assertThat(after.differences()).as("both sides identical").isEmpty();
            Snapshot end = Snapshot.of(newMaster.replication());
            for (Snapshot before : List.of(a, b)) {
                Snapshot other = before == a ? b : a;
                nothingLost(before, other, end);
                noUidNamesTwoMessages(before, end);
                modSeqNeverGoesBackwards(before, end);
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Example
    void aMailboxDeletedOnOneSideKeepsTheMailTheOtherSideGot() throws IOException {
        var common = List.<Op>of(new Op.Create(1), new Op.Deliver(1, 0), new Op.Deliver(1, 1));
        // The old master got one more message in Work; the new master deleted Work.
        Path dir = Files.createTempDirectory("split-brain");
        try (var oldMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("a")));
                var newMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("b")))) {
            oldMaster.account(ALICE);
            common.forEach(op -> run(oldMaster, op));
            new Verifier(oldMaster.replication(), newMaster.replication()).run(true, p -> {});
            run(oldMaster, new Op.Deliver(1, 2));
            run(newMaster, new Op.Delete(1));

            new Reconciler(newMaster.replication(), oldMaster.replication()).reconcileAll();

            for (SlotStore side : List.of(newMaster, oldMaster)) {
                var work = side.account(ALICE).open(new MailboxName("Work"));
                assertThat(work.uids()).hasSize(1);
                try (var in = work.content(work.uids()[0])) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                            .contains("body 2");
                }
            }
            assertThat(new Verifier(newMaster.replication(), oldMaster.replication())
                            .run(false, p -> {})
                            .clean())
                    .isTrue();
        } finally {
            deleteTree(dir);
        }
    }

    @Example
    void aMailboxDeletedOnOneSideThatGotNoNewMailStaysDeleted() throws IOException {
        Path dir = Files.createTempDirectory("split-brain");
        try (var oldMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("a")));
                var newMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("b")))) {
            oldMaster.account(ALICE);
            List.<Op>of(new Op.Create(1), new Op.Deliver(1, 0)).forEach(op -> run(oldMaster, op));
            new Verifier(oldMaster.replication(), newMaster.replication()).run(true, p -> {});
            run(oldMaster, new Op.Delete(1));
            run(newMaster, new Op.SetFlags(1, 0, Flags.SEEN));

            new Reconciler(newMaster.replication(), oldMaster.replication()).reconcileAll();

            for (SlotStore side : List.of(newMaster, oldMaster)) {
                assertThat(side.account(ALICE).find(new MailboxName("Work"))).isEmpty();
            }
        } finally {
            deleteTree(dir);
        }
    }

    @Example
    void mailboxesCreatedUnderOneNameOnBothSidesAreBothKept() throws IOException {
        Path dir = Files.createTempDirectory("split-brain");
        try (var oldMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("a")));
                var newMaster = SlotStore.open(StoreSettings.defaults(dir.resolve("b")))) {
            oldMaster.account(ALICE);
            new Verifier(oldMaster.replication(), newMaster.replication()).run(true, p -> {});
            for (SlotStore side : List.of(oldMaster, newMaster)) {
                run(side, new Op.Create(2));
                run(side, new Op.Deliver(2, side == oldMaster ? 3 : 4));
            }

            new Reconciler(newMaster.replication(), oldMaster.replication()).reconcileAll();

            for (SlotStore side : List.of(newMaster, oldMaster)) {
                var mail = side.account(ALICE);
                assertThat(mail.open(new MailboxName("Lists")).uids()).hasSize(1);
                assertThat(mail.open(new MailboxName("Lists (2)")).uids()).hasSize(1);
            }
            assertThat(new Verifier(newMaster.replication(), oldMaster.replication())
                            .run(false, p -> {})
                            .clean())
                    .isTrue();
        } finally {
            deleteTree(dir);
        }
    }

    /** Every mailbox whole, from one side. */
    record Snapshot(Map<MailboxId, MailboxChanges> mailboxes, Map<MailboxId, Long> deletedUidNext) {
        static Snapshot of(ReplicaStore side) {
            var boxes = new HashMap<MailboxId, MailboxChanges>();
            side.mailboxesOf(ALICE.id())
                    .forEach(s -> boxes.put(s.id(), side.changesSince(s.id(), 0).orElseThrow()));
            var deleted = new HashMap<MailboxId, Long>();
            side.deletedMailboxes(ALICE.id()).forEach(d -> deleted.put(d.id(), d.uidNext()));
            return new Snapshot(boxes, deleted);
        }

        boolean liveAnywhere(Guid g) {
            return mailboxes.values().stream()
                    .flatMap(c -> c.records().stream())
                    .anyMatch(x -> x.record().guid().equals(g));
        }

        long liveCount(Guid g) {
            return mailboxes.values().stream()
                    .flatMap(c -> c.records().stream())
                    .filter(x -> x.record().guid().equals(g))
                    .count();
        }
    }

    private static void nothingLost(Snapshot before, Snapshot other, Snapshot end) {
        for (var e : before.mailboxes().entrySet()) {
            MailboxChanges otherBox = other.mailboxes().get(e.getKey());
            for (ReplicatedMessage x : e.getValue().records()) {
                long uid = x.record().uid();
                Guid g = x.record().guid();
                boolean expungedThere = otherBox != null
                        && otherBox.expunged().stream().anyMatch(t -> t.uid() == uid && g.equals(t.guid()));
                Long deletedAt = other.deletedUidNext().get(e.getKey());
                boolean deletedThere = otherBox == null && deletedAt != null && uid < deletedAt;
                if (!expungedThere && !deletedThere) {
                    assertThat(end.liveAnywhere(g))
                            .as("message %s (UID %d) survives", g, uid)
                            .isTrue();
                }
            }
        }
    }

    private static void noUidNamesTwoMessages(Snapshot before, Snapshot end) {
        for (var e : end.mailboxes().entrySet()) {
            MailboxChanges was = before.mailboxes().get(e.getKey());
            if (was == null) continue;
            Map<Long, Guid> named = new HashMap<>();
            was.records().forEach(x -> named.put(x.record().uid(), x.record().guid()));
            for (Tombstone t : was.expunged()) if (t.guid() != null) named.put(t.uid(), t.guid());
            for (ReplicatedMessage x : e.getValue().records()) {
                Guid g = named.get(x.record().uid());
                assertThat(g == null || g.equals(x.record().guid()))
                        .as(
                                "UID %d named %s before, %s after",
                                x.record().uid(), g, x.record().guid())
                        .isTrue();
            }
        }
    }

    private static void modSeqNeverGoesBackwards(Snapshot before, Snapshot end) {
        for (var e : end.mailboxes().entrySet()) {
            MailboxChanges was = before.mailboxes().get(e.getKey());
            if (was == null) continue;
            long highest = was.state().highestModSeq();
            assertThat(e.getValue().state().highestModSeq()).isGreaterThanOrEqualTo(highest);
            assertThat(e.getValue().state().uidNext())
                    .isGreaterThanOrEqualTo(was.state().uidNext());
            Map<Long, Object> old = entries(was);
            entries(e.getValue()).forEach((uid, now) -> {
                if (!now.equals(old.get(uid))) {
                    assertThat(modSeqOf(now)).as("UID %d changed", uid).isGreaterThan(highest);
                }
            });
        }
    }

    private static Map<Long, Object> entries(MailboxChanges c) {
        var out = new HashMap<Long, Object>();
        c.expunged().forEach(t -> out.put(t.uid(), t));
        c.records().forEach(x -> out.put(x.record().uid(), x.record()));
        return out;
    }

    private static long modSeqOf(Object entry) {
        return entry instanceof Tombstone t ? t.modSeq() : ((org.slotmail.mailbox.MessageRecord) entry).modSeq();
    }

    private static void run(SlotStore store, Op op) {
        AccountMail mail = store.account(ALICE);
        try {
            switch (op) {
                case Op.Deliver(int folder, int body) -> {
                    var name = new MailboxName(FOLDERS.get(folder));
                    if (mail.find(name).isEmpty()) return;
                    try (var w = store.newMessage()) {
                        w.body()
                                .write(("Subject: m" + body + "\r\n\r\nbody " + body + "\r\n")
                                        .getBytes(StandardCharsets.US_ASCII));
                        try (var staged = w.finish()) {
                            mail.open(name).append(staged, Flags.NONE, Instant.ofEpochSecond(1_700_000_000L + body));
                        }
                    }
                }
                case Op.SetFlags(int folder, int pick, int flags) ->
                    pick(mail, folder, pick)
                            .ifPresent(uid -> mail.open(new MailboxName(FOLDERS.get(folder)))
                                    .store(
                                            UidSet.of(uid),
                                            new FlagUpdate(FlagUpdate.Mode.REPLACE, Flags.ofSystem(flags)),
                                            OptionalLong.empty()));
                case Op.Expunge(int folder, int pick) ->
                    pick(mail, folder, pick).ifPresent(uid -> {
                        var box = mail.open(new MailboxName(FOLDERS.get(folder)));
                        box.store(
                                UidSet.of(uid),
                                new FlagUpdate(FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.DELETED)),
                                OptionalLong.empty());
                        box.expunge(Optional.of(UidSet.of(uid)));
                    });
                case Op.Move(int folder, int pick, int to) ->
                    pick(mail, folder, pick)
                            .ifPresent(uid -> mail.open(new MailboxName(FOLDERS.get(folder)))
                                    .move(UidSet.of(uid), new MailboxName(FOLDERS.get(to))));
                case Op.Create(int folder) -> mail.create(new MailboxName(FOLDERS.get(folder)), java.util.Set.of());
                case Op.Rename(int folder, int to) ->
                    mail.rename(new MailboxName(FOLDERS.get(folder)), new MailboxName(FOLDERS.get(to)));
                case Op.Delete(int folder) -> mail.delete(new MailboxName(FOLDERS.get(folder)));
            }
        } catch (MailboxException | IOException e) {
            // An operation that makes no sense now (no such folder, name taken) is simply refused.
        }
    }

    private static Optional<Long> pick(AccountMail mail, int folder, int pick) {
        Optional<MailboxInfo> info = mail.find(new MailboxName(FOLDERS.get(folder)));
        if (info.isEmpty()) return Optional.empty();
        long[] uids = mail.open(info.get().name()).uids();
        return uids.length == 0 ? Optional.empty() : Optional.of(uids[pick % uids.length]);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        var folder = Arbitraries.integers().between(0, FOLDERS.size() - 1);
        var pick = Arbitraries.integers().between(0, 20);
        Arbitrary<Op> deliver = Combinators.combine(
                        folder, Arbitraries.integers().between(0, 5))
                .as(Op.Deliver::new);
        Arbitrary<Op> flags = Combinators.combine(
                        folder, pick, Arbitraries.integers().between(0, 7))
                .as(Op.SetFlags::new);
        Arbitrary<Op> expunge = Combinators.combine(folder, pick).as(Op.Expunge::new);
        Arbitrary<Op> move = Combinators.combine(folder, pick, folder).as(Op.Move::new);
        Arbitrary<Op> create = folder.map(Op.Create::new);
        Arbitrary<Op> rename = Combinators.combine(folder, folder).as(Op.Rename::new);
        Arbitrary<Op> delete = folder.map(Op.Delete::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(6, deliver),
                        Tuple.of(3, flags),
                        Tuple.of(2, expunge),
                        Tuple.of(1, move),
                        Tuple.of(1, create),
                        Tuple.of(1, rename),
                        Tuple.of(1, delete))
                .list()
                .ofMaxSize(20);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
