package org.slotmail.sync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.sync.client.ReplicationFixture.account;
import static org.slotmail.sync.client.ReplicationFixture.message;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import org.slotmail.mailbox.Account;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.Recipient;
import org.slotmail.mailbox.SpecialUse;
import org.slotmail.mailbox.UidSet;

/**
 * The property: random histories of every mailbox-API operation on the master, with
 * restarts of the master, the replica and the client, and connections cut at random points of the
 * protocol (by a relay that closes them after a random number of bytes), always end with the
 * replica holding exactly the master's mail, record by record and blob by blob.
 */
class ReplicationPropertiesTest {
    private static final List<String> NAMES = List.of("A", "B", "A/x", "B/y", "Archive", "INBOX/sub");

    private Path dir;
    private ReplicationFixture f;

    @BeforeTry
    void setUp() throws IOException {
        dir = Files.createTempDirectory("sync-property");
        f = new ReplicationFixture(dir);
        f.startClient();
    }

    @AfterTry
    void tearDown() throws IOException {
        f.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** One step of a history. */
    sealed interface Step {}

    record Deliver(int body, boolean toBoth, int folder) implements Step {}

    record Append(int user, int box, int body, int flags) implements Step {}

    record Create(int user, int name, boolean special) implements Step {}

    record Rename(int user, int box, int name) implements Step {}

    record Delete(int user, int box) implements Step {}

    record StoreFlags(int user, int box, int first, int mode, int flags, String keyword) implements Step {}

    record CopyOrMove(int user, int box, int first, int to, boolean move) implements Step {}

    record Expunge(int user, int box, int first) implements Step {}

    record Subscribe(int user, int name, boolean on) implements Step {}

    record Purge(int user) implements Step {}

    record RestartMaster() implements Step {}

    record RestartReplica() implements Step {}

    record RestartClient() implements Step {}

    /** Cut the connection open now, and the next one after this many bytes. */
    record Cut(long afterBytes) implements Step {}

    record Settle() implements Step {}

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Integer> user = Arbitraries.integers().between(1, 2);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 1000);
        Arbitrary<Integer> name = Arbitraries.integers().between(0, NAMES.size() - 1);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4,
                        Combinators.combine(any, Arbitraries.of(true, false), any)
                                .as(Deliver::new)),
                net.jqwik.api.Tuple.of(
                        6,
                        Combinators.combine(
                                        user, any, any, Arbitraries.integers().between(0, 31))
                                .as(Append::new)),
                net.jqwik.api.Tuple.of(
                        3,
                        Combinators.combine(user, name, Arbitraries.of(true, false))
                                .as(Create::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(user, any, name).as(Rename::new)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(user, any).as(Delete::new)),
                net.jqwik.api.Tuple.of(
                        4,
                        Combinators.combine(
                                        user,
                                        any,
                                        any,
                                        Arbitraries.integers().between(0, 2),
                                        Arbitraries.integers().between(0, 31),
                                        Arbitraries.of("", "$Label", "$label", "Work", "$Junk"))
                                .as(StoreFlags::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(user, any, any, any, Arbitraries.of(true, false))
                                .as(CopyOrMove::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(user, any, any).as(Expunge::new)),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(user, name, Arbitraries.of(true, false))
                                .as(Subscribe::new)),
                net.jqwik.api.Tuple.of(1, user.map(Purge::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new RestartMaster())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new RestartReplica())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new RestartClient())),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 30_000).map(Cut::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Settle())));
        return step.list().ofMinSize(5).ofMaxSize(35);
    }

    @Property(tries = 15)
    void theReplicaEndsWithExactlyTheMastersMail(@ForAll("histories") List<Step> history) throws Exception {
        for (Step step : history) {
            try {
                run(step);
            } catch (MailboxException e) {
                // Refused by the mailbox API (no such mailbox, name taken, ...): part of a history too.
            }
        }
        DrainResult result = f.drain();
        assertThat(result.parked()).as("parked").isEmpty();
        assertThat(result.complete()).as("drained: %s", result).isTrue();
        SameMail.assertSame(f.master, f.replica);
    }

    private void run(Step step) throws Exception {
        switch (step) {
            case Deliver d -> {
                var recipients = new java.util.ArrayList<Recipient>();
                Optional<MailboxName> folder = d.folder() % 3 == 0
                        ? Optional.of(new MailboxName(NAMES.get(d.folder() % NAMES.size())))
                        : Optional.empty();
                recipients.add(new Recipient(account(1), folder));
                if (d.toBoth()) recipients.add(new Recipient(account(2), Optional.empty()));
                try (var staged = f.stage(message("delivery " + d.body(), "body " + d.body()))) {
                    f.master.deliver(staged, recipients);
                }
            }
            case Append a ->
                f.append(
                        box(a.user(), a.box()),
                        message("append " + a.body(), "x" + a.body()),
                        Flags.ofSystem(a.flags()));
            case Create c ->
                mail(c.user())
                        .create(
                                new MailboxName(NAMES.get(c.name())),
                                c.special() ? Set.of(SpecialUse.ARCHIVE) : Set.of());
            case Rename r ->
                mail(r.user()).rename(pick(r.user(), r.box()).name(), new MailboxName(NAMES.get(r.name())));
            case Delete d -> mail(d.user()).delete(pick(d.user(), d.box()).name());
            case StoreFlags s -> {
                Mailbox box = box(s.user(), s.box());
                long[] uids = box.uids();
                if (uids.length == 0) return;
                long first = uids[s.first() % uids.length];
                Flags flags = s.keyword().isEmpty() ? Flags.ofSystem(s.flags()) : Flags.of(s.flags(), s.keyword());
                var mode = FlagUpdate.Mode.values()[s.mode()];
                box.store(UidSet.range(first, UidSet.MAX_UID), new FlagUpdate(mode, flags), OptionalLong.empty());
            }
            case CopyOrMove c -> {
                Mailbox box = box(c.user(), c.box());
                long[] uids = box.uids();
                if (uids.length == 0) return;
                long first = uids[c.first() % uids.length];
                MailboxName to = pick(c.user(), c.to()).name();
                if (c.move()) box.move(UidSet.range(first, first + 2), to);
                else box.copy(UidSet.range(first, first + 2), to);
            }
            case Expunge e -> {
                Mailbox box = box(e.user(), e.box());
                long[] uids = box.uids();
                if (uids.length == 0) return;
                long first = uids[e.first() % uids.length];
                box.store(
                        UidSet.of(first),
                        new FlagUpdate(FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.DELETED)),
                        OptionalLong.empty());
                box.expunge(Optional.empty());
            }
            case Subscribe s -> {
                var name = new MailboxName(NAMES.get(s.name()));
                if (s.on()) mail(s.user()).subscribe(name);
                else mail(s.user()).unsubscribe(name);
            }
            case Purge p -> f.master.purgeAccount(p.user());
            case RestartMaster _ -> f.restartMaster();
            case RestartReplica _ -> f.restartReplica();
            case RestartClient _ -> f.restartClient();
            case Cut c -> {
                f.relay.cutNextAfter(c.afterBytes());
                f.relay.cutAll();
            }
            case Settle _ -> assertThat(f.drain().complete()).isTrue();
        }
    }

    private AccountMail mail(int user) {
        Account a = account(user);
        return f.master.account(a);
    }

    private MailboxInfo pick(int user, int n) {
        List<MailboxInfo> boxes = mail(user).list();
        return boxes.get(Math.floorMod(n, boxes.size()));
    }

    private Mailbox box(int user, int n) {
        return mail(user).open(pick(user, n).name());
    }
}
