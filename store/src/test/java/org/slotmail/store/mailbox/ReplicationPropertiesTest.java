package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.Recipient;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.check.StoreCheck;
import org.slotmail.store.kv.KvStore;
import org.slotmail.store.kv.Table;
import org.slotmail.store.record.BlobRow;
import org.slotmail.store.record.Frame;

/**
 * Random histories of every mailbox operation on a master A (appends, deliveries to one or two
 * accounts, flag changes with keywords, copies, moves, expunges, creates, renames including
 * INBOX's and swaps through a temporary name, deletes, subscriptions, an account purged and
 * provisioned again), replicated at random points into B by draining A's channel through the
 * {@code ReplicaStore} interface alone, some of the time in batches of a single entry, with
 * full comparisons and restarts of either side in between. At the end A and B hold the same
 * rows — records, summaries, tombstones, mailboxes, names, subscriptions, accounts — byte for
 * byte, and the same message bytes.
 */
class ReplicationPropertiesTest {
    sealed interface Action {}

    record Append(int who, int box, int message, int flags) implements Action {}

    record Deliver(int message, int folder, boolean toBoth) implements Action {}

    record Store(int who, int box, int pick, int mode, int flags) implements Action {}

    record Copy(int who, int box, int pick, int target, boolean move) implements Action {}

    record Expunge(int who, int box, boolean onlyPick, int pick) implements Action {}

    record Create(int who, int name) implements Action {}

    record Rename(int who, int box, int name) implements Action {}

    record Swap(int who, int first, int second) implements Action {}

    record Delete(int who, int box) implements Action {}

    record Subscribe(int who, int name, boolean on) implements Action {}

    record PurgeBob() implements Action {}

    record Replicate(int batch) implements Action {}

    record FullComparison() implements Action {}

    record RestartMaster() implements Action {}

    record RestartReplica() implements Action {}

    private static final List<String> NAMES = List.of("A", "B", "A/x", "B/y", "C", "INBOX/sub", "Größe");
    private static final String CHANNEL = "to-b";
    /** Updates applied and answered NameTaken in the current try (for the statistics jqwik reports). */
    static final int[] STATS = new int[2];

    private static final Account ALICE = StoreFixture.account(1, "alice@example.com");
    private static final Account BOB = StoreFixture.account(2, "bob@example.com");

    @Provide
    Arbitrary<List<Action>> histories() {
        var n = Arbitraries.integers().between(0, 1000);
        var who = Arbitraries.integers().between(0, 1);
        var bool = Arbitraries.of(true, false);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(
                        8,
                        Combinators.combine(who, n, n, Arbitraries.integers().between(0, 63))
                                .as(Append::new)),
                Tuple.of(3, Combinators.combine(n, n, bool).as(Deliver::new)),
                Tuple.of(
                        5,
                        Combinators.combine(who, n, n, Arbitraries.integers().between(0, 2), n)
                                .as(Store::new)),
                Tuple.of(3, Combinators.combine(who, n, n, n, bool).as(Copy::new)),
                Tuple.of(3, Combinators.combine(who, n, bool, n).as(Expunge::new)),
                Tuple.of(2, Combinators.combine(who, n).as(Create::new)),
                Tuple.of(3, Combinators.combine(who, n, n).as(Rename::new)),
                Tuple.of(3, Combinators.combine(who, n, n).as(Swap::new)),
                Tuple.of(1, Combinators.combine(who, n).as(Delete::new)),
                Tuple.of(1, Combinators.combine(who, n, bool).as(Subscribe::new)),
                Tuple.of(1, Arbitraries.just(new PurgeBob())),
                Tuple.of(4, Arbitraries.of(1, 1, 1, 2, 5, 50).map(Replicate::new)),
                Tuple.of(1, Arbitraries.just(new FullComparison())),
                Tuple.of(1, Arbitraries.just(new RestartMaster())),
                Tuple.of(1, Arbitraries.just(new RestartReplica())));
        return action.list().ofMinSize(15).ofMaxSize(60);
    }

    @Property(tries = 30)
    void aDrainedReplicaIsTheMastersExactCopy(@ForAll("histories") List<Action> history) throws Exception {
        Path root = Files.createTempDirectory("slotmail-repl-prop");
        var mismatches = new int[1];
        try (var a = new StoreFixture(root.resolve("a"), List.of(CHANNEL));
                var b = new StoreFixture(root.resolve("b"), List.of("to-c"))) {
            a.store.account(ALICE);
            for (Action action : history) run(a, b, action, mismatches);
            drain(a, b, 7, mismatches);

            Statistics.label("renames that met NameTaken").collect(STATS[1] > 0);
            Statistics.label("tombstones left")
                    .collect(Math.min(
                            3,
                            rows(a.store, Table.MODSEQ).size()
                                    - rows(a.store, Table.MESSAGES).size()));
            STATS[0] = STATS[1] = 0;
            assertSameRows(a.store, b.store);
            assertSameBytes(a.store, b.store);
            assertThat(b.store.replication().pending("to-c", 1))
                    .as("a replica queues nothing of what it applied")
                    .isEmpty();
            assertThat(mismatches[0])
                    .as("incremental updates that needed a full comparison")
                    .isZero();
            assertThat(b.store.replication().deletedMailboxes(1).size()
                            + b.store.replication().deletedMailboxes(2).size())
                    .isLessThanOrEqualTo(
                            a.store.replication().deletedMailboxes(1).size()
                                    + a.store.replication().deletedMailboxes(2).size());
        }
        assertThat(StoreCheck.run(root.resolve("a"), s -> {}).damages()).isEmpty();
        assertThat(StoreCheck.run(root.resolve("b"), s -> {}).damages()).isEmpty();
        delete(root);
    }

    private static void drain(StoreFixture a, StoreFixture b, int batch, int[] mismatches) {
        var drain = new ChannelDrain(a.store.replication(), CHANNEL, b.store.replication());
        drain.drain(batch);
        mismatches[0] += drain.mismatches;
        STATS[0] += drain.applied;
        STATS[1] += drain.namesTaken;
    }

    private static Account who(int i) {
        return i % 2 == 0 ? ALICE : BOB;
    }

    private static List<MailboxInfo> boxes(AccountMail mail) {
        var list = new ArrayList<>(mail.list());
        list.sort(Comparator.comparing(MailboxInfo::name));
        return list;
    }

    /** A mailbox holding messages if there is one: flag changes, copies and expunges then change something. */
    private static MailboxName withMessages(AccountMail mail, int pick) {
        var full = boxes(mail).stream().filter(i -> i.messages() > 0).toList();
        var from = full.isEmpty() ? boxes(mail) : full;
        return from.get(pick % from.size()).name();
    }

    private static byte[] message(int i) {
        int m = i % 9;
        // One message above the journal limit: its bytes reach the replica through a segment sync.
        String body = m == 8 ? "large ".repeat(30_000) : "body " + m;
        return StoreFixture.message("m" + m, body);
    }

    private static long pickUid(org.slotmail.mailbox.Mailbox box, int pick) {
        long[] uids = box.uids();
        return uids.length == 0 ? 1 : uids[pick % uids.length];
    }

    private static Flags flags(int bits) {
        var keywords = new TreeSet<String>();
        if ((bits & 32) != 0) keywords.add("$Work");
        if ((bits & 64) != 0) keywords.add("$Label1");
        return new Flags(bits & 0x1f, keywords);
    }

    private static void run(StoreFixture a, StoreFixture b, Action action, int[] mismatches) {
        try {
            runOn(a, b, action, mismatches);
        } catch (MailboxException ignored) {
            // A refusal (name taken, INBOX, children, ...) is part of a history too.
        }
    }

    private static void runOn(StoreFixture a, StoreFixture b, Action action, int[] mismatches) {
        switch (action) {
            case Append x -> {
                var mail = a.store.account(who(x.who()));
                var list = boxes(mail);
                a.append(mail.open(list.get(x.box() % list.size()).name()), message(x.message()), flags(x.flags()));
            }
            case Deliver x -> {
                var folder = Optional.of(new MailboxName(NAMES.get(x.folder() % NAMES.size())));
                var recipients = new ArrayList<Recipient>();
                recipients.add(new Recipient(ALICE, folder));
                if (x.toBoth()) recipients.add(new Recipient(BOB, Optional.empty()));
                try (var staged = a.stage(message(x.message()))) {
                    a.store.deliver(staged, recipients);
                }
            }
            case Store x -> {
                var mail = a.store.account(who(x.who()));
                var box = mail.open(withMessages(mail, x.box()));
                var update = new FlagUpdate(FlagUpdate.Mode.values()[x.mode()], flags(x.flags()));
                box.store(UidSet.of(pickUid(box, x.pick())), update, OptionalLong.empty());
            }
            case Copy x -> {
                var mail = a.store.account(who(x.who()));
                var list = boxes(mail);
                var box = mail.open(withMessages(mail, x.box()));
                var target = list.get(x.target() % list.size()).name();
                var uids = UidSet.of(pickUid(box, x.pick()));
                if (x.move()) box.move(uids, target);
                else box.copy(uids, target);
            }
            case Expunge x -> {
                var mail = a.store.account(who(x.who()));
                var box = mail.open(withMessages(mail, x.box()));
                var picked = UidSet.of(pickUid(box, x.pick()));
                box.store(
                        picked,
                        new FlagUpdate(FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.DELETED)),
                        OptionalLong.empty());
                box.expunge(x.onlyPick() ? Optional.of(picked) : Optional.empty());
            }
            case Create x ->
                a.store.account(who(x.who())).create(new MailboxName(NAMES.get(x.name() % NAMES.size())), Set.of());
            case Rename x -> {
                var mail = a.store.account(who(x.who()));
                var list = boxes(mail);
                var from = list.get(x.box() % list.size()).name();
                String to = x.name() % 3 == 0
                        ? NAMES.get(x.name() % NAMES.size())
                        : "R" + (x.name() % 4) + "/" + from.value().replace('/', '_');
                mail.rename(from, new MailboxName(to));
            }
            case Swap x -> {
                var mail = a.store.account(who(x.who()));
                var list = boxes(mail);
                var first = list.get(x.first() % list.size()).name();
                var second = list.get(x.second() % list.size()).name();
                if (first.equals(second) || first.isInbox() || second.isInbox()) return;
                var temporary = new MailboxName("swap-" + first.value().replace('/', '_'));
                mail.rename(first, temporary);
                mail.rename(second, first);
                mail.rename(temporary, second);
            }
            case Delete x -> {
                var mail = a.store.account(who(x.who()));
                var list = boxes(mail);
                mail.delete(list.get(x.box() % list.size()).name());
            }
            case Subscribe x -> {
                var mail = a.store.account(who(x.who()));
                var name = new MailboxName(NAMES.get(x.name() % NAMES.size()));
                if (x.on()) mail.subscribe(name);
                else mail.unsubscribe(name);
            }
            case PurgeBob ignored -> a.store.purgeAccount(BOB.id());
            case Replicate x -> drain(a, b, x.batch(), mismatches);
            case FullComparison ignored -> fullComparison(a, b, mismatches);
            case RestartMaster ignored -> a.restart();
            case RestartReplica ignored -> b.restart();
        }
    }

    /** What {@code verify --repair} will do: every mailbox of either side, record by record. */
    private static void fullComparison(StoreFixture a, StoreFixture b, int[] mismatches) {
        var master = a.store.replication();
        var replica = b.store.replication();
        var ids = new java.util.LinkedHashSet<MailboxId>();
        for (long account : List.of(ALICE.id(), BOB.id())) {
            master.mailboxesOf(account).forEach(s -> ids.add(s.id()));
            replica.mailboxesOf(account).forEach(s -> ids.add(s.id()));
        }
        var drain = new ChannelDrain(master, CHANNEL, replica);
        drain.replicate(List.of(ALICE.id(), BOB.id()), ids, true);
        mismatches[0] += drain.mismatches;
    }

    private static final List<Table> SAME_ROWS = List.of(
            Table.ACCOUNTS,
            Table.ACCOUNT_NAMES,
            Table.MAILBOXES,
            Table.MAILBOX_NAMES,
            Table.MESSAGES,
            Table.SUMMARIES,
            Table.MODSEQ,
            Table.SUBSCRIPTIONS);

    private static void assertSameRows(SlotStore a, SlotStore b) {
        for (Table t : SAME_ROWS) assertThat(rows(b, t)).as(t.name()).isEqualTo(rows(a, t));
    }

    private static Map<String, String> rows(SlotStore store, Table table) {
        var out = new TreeMap<String, String>();
        var hex = HexFormat.of();
        try (KvStore.Reader r = store.kv().reader();
                KvStore.Cursor c = r.scan(table, new byte[0], null)) {
            for (; c.valid(); c.next()) out.put(hex.formatHex(c.key()), hex.formatHex(c.value()));
        }
        return out;
    }

    /** Every message referenced on either side: the same reference counts and the same bytes. */
    private static void assertSameBytes(SlotStore a, SlotStore b) throws IOException {
        Map<Guid, Long> refsA = referenced(a), refsB = referenced(b);
        assertThat(refsB).isEqualTo(refsA);
        for (Guid g : refsA.keySet()) {
            try (InputStream x = a.replication().blob(g);
                    InputStream y = b.replication().blob(g)) {
                assertThat(y.readAllBytes()).as("bytes of " + g).isEqualTo(x.readAllBytes());
            }
        }
    }

    private static Map<Guid, Long> referenced(SlotStore store) {
        var out = new TreeMap<Guid, Long>();
        try (KvStore.Reader r = store.kv().reader();
                KvStore.Cursor c = r.scan(Table.BLOBS, new byte[0], null)) {
            for (; c.valid(); c.next()) {
                var row = BlobRow.decode(Frame.open(c.key(), c.value()));
                if (row.refCount() > 0) out.put(Guid.of(c.key()), row.refCount());
            }
        }
        return out;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
