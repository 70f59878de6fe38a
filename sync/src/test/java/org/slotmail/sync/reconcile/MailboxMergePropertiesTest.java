package org.slotmail.sync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;

/**
 * Split brain on one mailbox, modelled without a store: a common history, a replica that saw all
 * or part of it, then independent histories on both sides, then the merge applied to both.
 */
class MailboxMergePropertiesTest {
    private static final MailboxId ID = MailboxId.random();
    // A few GUIDs only, so the same bytes arrive on both sides and under different UIDs.
    private static final List<Guid> GUIDS = List.of(guid(1), guid(2), guid(3), guid(4), guid(5), guid(6));

    sealed interface Op {
        record Deliver(int guid) implements Op {}

        record SetFlags(int pick, int flags) implements Op {}

        record Expunge(int pick) implements Op {}
    }

    /** One side's mailbox: live records, tombstones, counters, and every GUID each UID ever named. */
    static final class Side {
        long uidNext = 1, highestModSeq = 1;
        final TreeMap<Long, MessageRecord> live = new TreeMap<>();
        final TreeMap<Long, Tombstone> gone = new TreeMap<>();
        final Map<Long, Guid> everNamed = new HashMap<>();

        void run(Op op) {
            switch (op) {
                case Op.Deliver(int g) -> {
                    long uid = uidNext++;
                    live.put(
                            uid,
                            new MessageRecord(
                                    uid, ++highestModSeq, Flags.NONE, Instant.EPOCH, Instant.EPOCH, 10, GUIDS.get(g)));
                    everNamed.put(uid, GUIDS.get(g));
                }
                case Op.SetFlags(int pick, int flags) -> {
                    if (live.isEmpty()) return;
                    var r = new ArrayList<>(live.values()).get(pick % live.size());
                    if (r.flags().system() == flags) return;
                    live.put(r.uid(), r.withFlags(Flags.ofSystem(flags), ++highestModSeq));
                }
                case Op.Expunge(int pick) -> {
                    if (live.isEmpty()) return;
                    var r = new ArrayList<>(live.values()).get(pick % live.size());
                    live.remove(r.uid());
                    gone.put(r.uid(), new Tombstone(r.uid(), ++highestModSeq, r.guid()));
                }
            }
        }

        Side copy() {
            var s = new Side();
            s.uidNext = uidNext;
            s.highestModSeq = highestModSeq;
            s.live.putAll(live);
            s.gone.putAll(gone);
            s.everNamed.putAll(everNamed);
            return s;
        }

        MailboxChanges whole() {
            var state = new MailboxState(
                    ID, 7, new MailboxName("INBOX"), 42, uidNext, highestModSeq, live.size(), 0, Set.of());
            return new MailboxChanges(
                    state,
                    0,
                    live.values().stream()
                            .map(r -> new ReplicatedMessage(r, new byte[0]))
                            .toList(),
                    List.copyOf(gone.values()));
        }

        void apply(ReplicaUpdate.Mailbox u) {
            for (ReplicatedMessage x : u.put()) {
                gone.remove(x.record().uid());
                live.put(x.record().uid(), x.record());
            }
            for (Tombstone t : u.expunge()) {
                live.remove(t.uid());
                gone.put(t.uid(), t);
            }
            assertThat(u.target().uidNext()).isGreaterThanOrEqualTo(uidNext);
            uidNext = u.target().uidNext();
            highestModSeq = u.target().highestModSeq();
        }

        /** A UID's state as a comparable value. */
        Object entry(long uid) {
            if (live.containsKey(uid)) {
                var r = live.get(uid);
                return List.of("live", r.modSeq(), r.flags(), r.guid());
            }
            return gone.containsKey(uid) ? List.of("gone", gone.get(uid)) : null;
        }
    }

    @Property(tries = 1000)
    void splitBrainLosesNothingAndNeverReusesAUid(
            @ForAll("histories") List<Op> common,
            @ForAll("cut") int replicaSaw,
            @ForAll("histories") List<Op> onMaster,
            @ForAll("histories") List<Op> onReplica) {
        var master = new Side();
        var replica = new Side();
        for (int i = 0; i < common.size(); i++) {
            master.run(common.get(i));
            if (i < replicaSaw) replica.run(common.get(i));
        }
        onMaster.forEach(master::run);
        onReplica.forEach(replica::run);
        var beforeMaster = master.copy();
        var beforeReplica = replica.copy();

        var outcome = MailboxMerge.merge(master.whole(), replica.whole());
        master.apply(outcome.forMaster());
        replica.apply(outcome.forReplica());

        // Both sides end the same.
        assertThat(master.uidNext).isEqualTo(replica.uidNext);
        assertThat(master.highestModSeq).isEqualTo(replica.highestModSeq);
        assertThat(master.live).isEqualTo(replica.live);
        assertThat(master.gone).isEqualTo(replica.gone);

        for (Side before : List.of(beforeMaster, beforeReplica)) {
            Side other = before == beforeMaster ? beforeReplica : beforeMaster;
            // Nothing lost: a message live on a side is live afterwards unless the other side
            // expunged that very message (same UID, same GUID).
            for (MessageRecord r : before.live.values()) {
                var t = other.gone.get(r.uid());
                boolean expungedThere = t != null && r.guid().equals(t.guid());
                if (!expungedThere) {
                    assertThat(master.live.values())
                            .as("message %s (UID %d) survives", r.guid(), r.uid())
                            .anyMatch(
                                    x -> x.guid().equals(r.guid()) && x.flags().system() >= 0);
                }
            }
            // No UID names two different messages: a live UID names what it named on each side.
            for (MessageRecord r : master.live.values()) {
                Guid named = before.everNamed.get(r.uid());
                assertThat(named == null || named.equals(r.guid()))
                        .as("UID %d named %s before and %s after", r.uid(), named, r.guid())
                        .isTrue();
            }
            // MODSEQ never goes backwards: whatever changed for a side's clients is above its HIGHESTMODSEQ.
            for (long uid = 1; uid < master.uidNext; uid++) {
                Object was = before.entry(uid), now = master.entry(uid);
                if (now != null && !now.equals(was)) {
                    long modSeq = master.live.containsKey(uid)
                            ? master.live.get(uid).modSeq()
                            : master.gone.get(uid).modSeq();
                    assertThat(modSeq).isGreaterThan(before.highestModSeq);
                }
                if (was != null && was.toString().startsWith("[live") && now == null) {
                    throw new AssertionError("UID " + uid + " vanished without a tombstone");
                }
            }
            assertThat(master.highestModSeq).isGreaterThanOrEqualTo(before.highestModSeq);
            assertThat(master.uidNext).isGreaterThanOrEqualTo(before.uidNext);
        }
        // As many messages as both sides held, less the shared ones and those expunged on one side.
        long shared = beforeMaster.live.values().stream()
                .filter(r ->
                        r.equals(beforeReplica.live.get(r.uid())) || sameMessage(r, beforeReplica.live.get(r.uid())))
                .count();
        long expunged = countExpungedElsewhere(beforeMaster, beforeReplica)
                + countExpungedElsewhere(beforeReplica, beforeMaster);
        assertThat((long) master.live.size())
                .isEqualTo(beforeMaster.live.size() + beforeReplica.live.size() - shared - expunged);
    }

    @Property(tries = 200)
    void identicalSidesChangeNothing(@ForAll("histories") List<Op> history) {
        var master = new Side();
        history.forEach(master::run);
        var outcome = MailboxMerge.merge(master.whole(), master.copy().whole());
        assertThat(outcome.changesAnything()).isFalse();
        assertThat(outcome.fromReplica()).isEmpty();
    }

    private static boolean sameMessage(MessageRecord a, MessageRecord b) {
        return b != null && a.guid().equals(b.guid());
    }

    private static long countExpungedElsewhere(Side side, Side other) {
        return side.live.values().stream()
                .filter(r -> other.gone.containsKey(r.uid())
                        && r.guid().equals(other.gone.get(r.uid()).guid()))
                .count();
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> deliver =
                Arbitraries.integers().between(0, GUIDS.size() - 1).map(Op.Deliver::new);
        Arbitrary<Op> flags = Combinators.combine(
                        Arbitraries.integers().between(0, 50),
                        Arbitraries.integers().between(0, 7))
                .as(Op.SetFlags::new);
        Arbitrary<Op> expunge = Arbitraries.integers().between(0, 50).map(Op.Expunge::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, deliver),
                        net.jqwik.api.Tuple.of(3, flags),
                        net.jqwik.api.Tuple.of(2, expunge))
                .list()
                .ofMaxSize(12);
    }

    @Provide
    Arbitrary<Integer> cut() {
        return Arbitraries.integers().between(0, 12);
    }

    private static Guid guid(int n) {
        byte[] b = new byte[32];
        b[31] = (byte) n;
        return Guid.of(b);
    }
}
