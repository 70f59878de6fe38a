package org.slotmail.store.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.check.StoreCheck;

/**
 * Random histories of appends, flag changes, copies, moves, expunges, creates, renames, deletes
 * and restarts, checked against a simple model after every step: the same messages with the same
 * flags, UIDs strictly increasing and never reused, MODSEQ never going back, and at the end
 * counters, quota usage and sync CRCs equal to a recomputation from scratch.
 */
class StorePropertiesTest {
    sealed interface Action {}

    record Append(int box, int message, int flags) implements Action {}

    record Store(int box, int pick, int mode, int flags) implements Action {}

    record Copy(int box, int pick, int target, boolean move) implements Action {}

    record Expunge(int box, boolean onlyPick, int pick) implements Action {}

    record Create(int name) implements Action {}

    record Rename(int box, int name) implements Action {}

    record Delete(int box) implements Action {}

    record Restart() implements Action {}

    private static final List<String> NAMES = List.of("A", "B", "A/x", "B/y", "C", "INBOX/sub");

    @Provide
    Arbitrary<List<Action>> histories() {
        var small = Arbitraries.integers().between(0, 1000);
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        8,
                        Combinators.combine(small, small, Arbitraries.integers().between(0, 31))
                                .as(Append::new)),
                net.jqwik.api.Tuple.of(
                        4,
                        Combinators.combine(
                                        small,
                                        small,
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.integers().between(0, 31))
                                .as(Store::new)),
                net.jqwik.api.Tuple.of(
                        3,
                        Combinators.combine(small, small, small, Arbitraries.of(true, false))
                                .as(Copy::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(small, Arbitraries.of(true, false), small)
                                .as(Expunge::new)),
                net.jqwik.api.Tuple.of(1, small.map(Create::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(small, small).as(Rename::new)),
                net.jqwik.api.Tuple.of(1, small.map(Delete::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Restart())));
        return action.list().ofMinSize(5).ofMaxSize(40);
    }

    /** The model: per mailbox id, UID → (GUID, flags). */
    static final class Model {
        final Map<MailboxId, TreeMap<Long, Map.Entry<Guid, Flags>>> boxes = new HashMap<>();
        final Map<MailboxId, Long> maxUidEver = new HashMap<>();
        final Map<MailboxId, Long> lastModSeq = new HashMap<>();
    }

    @Property(tries = 100)
    void historiesKeepEveryInvariant(@ForAll("histories") List<Action> history) throws Exception {
        Path dir = Files.createTempDirectory("slotmail-prop");
        Account alice = StoreFixture.account(1, "alice@example.com");
        var model = new Model();
        try (var f = new StoreFixture(dir)) {
            var mail = f.store.account(alice);
            for (MailboxInfo i : mail.list()) model.boxes.put(i.id(), new TreeMap<>());
            for (Action a : history) {
                apply(f, alice, model, a);
                compare(f, alice, model);
            }
        }
        var report = StoreCheck.run(dir, s -> {});
        assertThat(report.damages()).isEmpty();
        delete(dir);
    }

    private static List<MailboxInfo> boxes(StoreFixture f, Account a) {
        var list = new ArrayList<>(f.store.account(a).list());
        list.sort(Comparator.comparing(MailboxInfo::name));
        return list;
    }

    private static long pickUid(TreeMap<Long, ?> uids, int pick) {
        if (uids.isEmpty()) return 1;
        return new ArrayList<>(uids.keySet()).get(pick % uids.size());
    }

    private void apply(StoreFixture f, Account alice, Model model, Action action) {
        var mail = f.store.account(alice);
        var list = boxes(f, alice);
        MailboxInfo box = list.get(0);
        switch (action) {
            case Append a -> {
                box = list.get(a.box() % list.size());
                // Few distinct bodies, so the same bytes land in several places (stored once).
                byte[] bytes = StoreFixture.message("m" + (a.message() % 7), "body " + (a.message() % 7));
                var flags = new Flags(a.flags() & 0x1f, new java.util.TreeSet<>());
                var r = f.append(mail.open(box.name()), bytes, flags);
                assertThat(r.uid())
                        .as("a new UID is above every UID ever given")
                        .isGreaterThan(model.maxUidEver.getOrDefault(box.id(), 0L));
                var guid = mail.open(box.name())
                        .fetch(UidSet.of(r.uid()))
                        .getFirst()
                        .guid();
                model.boxes.get(box.id()).put(r.uid(), Map.entry(guid, flags));
            }
            case Store s -> {
                box = list.get(s.box() % list.size());
                var m = model.boxes.get(box.id());
                long uid = pickUid(m, s.pick());
                var mode = FlagUpdate.Mode.values()[s.mode()];
                var update = new FlagUpdate(
                        mode,
                        new Flags(
                                s.flags() & 0x1f,
                                new java.util.TreeSet<>(s.flags() > 15 ? List.of("$Work") : List.of())));
                mail.open(box.name()).store(UidSet.of(uid), update, OptionalLong.empty());
                var old = m.get(uid);
                if (old != null) m.put(uid, Map.entry(old.getKey(), update.applyTo(old.getValue())));
            }
            case Copy c -> {
                box = list.get(c.box() % list.size());
                MailboxInfo target = list.get(c.target() % list.size());
                var m = model.boxes.get(box.id());
                long uid = pickUid(m, c.pick());
                var mb = mail.open(box.name());
                var result = c.move() ? mb.move(UidSet.of(uid), target.name()) : mb.copy(UidSet.of(uid), target.name());
                if (m.containsKey(uid)) {
                    var entry = m.get(uid);
                    if (c.move()) m.remove(uid);
                    long newUid = result.targetUids().getFirst();
                    assertThat(newUid).isGreaterThan(model.maxUidEver.getOrDefault(target.id(), 0L));
                    model.boxes.get(target.id()).put(newUid, entry);
                } else assertThat(result.targetUids()).isEmpty();
            }
            case Expunge e -> {
                box = list.get(e.box() % list.size());
                var m = model.boxes.get(box.id());
                Optional<UidSet> only = e.onlyPick() ? Optional.of(UidSet.of(pickUid(m, e.pick()))) : Optional.empty();
                var expunged = mail.open(box.name()).expunge(only);
                var expected = m.entrySet().stream()
                        .filter(x -> x.getValue().getValue().has(Flags.DELETED))
                        .filter(x -> only.isEmpty() || only.get().contains(x.getKey()))
                        .map(Map.Entry::getKey)
                        .toList();
                assertThat(expunged).containsExactlyElementsOf(expected);
                expected.forEach(m::remove);
            }
            case Create c -> {
                var name = new MailboxName(NAMES.get(c.name() % NAMES.size()));
                try {
                    mail.create(name, Set.of());
                } catch (MailboxException ignored) {
                    // already exists
                }
                for (MailboxInfo i : mail.list()) model.boxes.putIfAbsent(i.id(), new TreeMap<>());
            }
            case Rename r -> {
                box = list.get(r.box() % list.size());
                var to = new MailboxName(
                        "R" + (r.name() % 5) + "/" + box.name().value().replace('/', '_'));
                var inboxBefore = model.boxes.get(box.id());
                try {
                    mail.rename(box.name(), to);
                    if (box.name().isInbox()) {
                        var target = mail.find(to).orElseThrow();
                        var moved = new TreeMap<Long, Map.Entry<Guid, Flags>>();
                        long uid = 1;
                        for (var e : inboxBefore.values()) moved.put(uid++, e);
                        inboxBefore.clear();
                        model.boxes.put(target.id(), moved);
                    }
                } catch (MailboxException ignored) {
                    // target exists
                }
                for (MailboxInfo i : mail.list()) model.boxes.putIfAbsent(i.id(), new TreeMap<>());
            }
            case Delete d -> {
                box = list.get(d.box() % list.size());
                try {
                    mail.delete(box.name());
                    model.boxes.remove(box.id());
                } catch (MailboxException ignored) {
                    // INBOX, or has children
                }
            }
            case Restart ignored -> f.restart();
        }
    }

    private void compare(StoreFixture f, Account alice, Model model) {
        var mail = f.store.account(alice);
        long totalBytes = 0, totalMessages = 0;
        assertThat(mail.list()).extracting(MailboxInfo::id).containsExactlyInAnyOrderElementsOf(model.boxes.keySet());
        for (MailboxInfo info : mail.list()) {
            var records = mail.open(info.name()).fetch(UidSet.ALL);
            var expected = model.boxes.get(info.id());
            assertThat(records).extracting(MessageRecord::uid).containsExactlyElementsOf(expected.keySet());
            for (MessageRecord r : records) {
                assertThat(r.guid()).isEqualTo(expected.get(r.uid()).getKey());
                assertThat(r.flags()).isEqualTo(expected.get(r.uid()).getValue());
                assertThat(r.uid()).isLessThan(info.uidNext());
                assertThat(r.modSeq()).isLessThanOrEqualTo(info.highestModSeq());
                totalBytes += r.size();
            }
            totalMessages += records.size();
            long maxBefore = model.maxUidEver.getOrDefault(info.id(), 0L);
            assertThat(info.uidNext()).isGreaterThan(maxBefore);
            model.maxUidEver.put(info.id(), info.uidNext() - 1);
            assertThat(info.highestModSeq()).isGreaterThanOrEqualTo(model.lastModSeq.getOrDefault(info.id(), 0L));
            model.lastModSeq.put(info.id(), info.highestModSeq());
            assertThat(info.messages()).isEqualTo(records.size());
        }
        assertThat(mail.quotaUsage().messages()).isEqualTo(totalMessages);
        assertThat(mail.quotaUsage().bytes()).isEqualTo(totalBytes);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
