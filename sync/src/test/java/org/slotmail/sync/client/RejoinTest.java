package org.slotmail.sync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.sync.client.ReplicationFixture.account;
import static org.slotmail.sync.client.ReplicationFixture.message;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.MessageRecord;
import org.slotmail.mailbox.UidSet;
import org.slotmail.store.mailbox.SlotStore;

/**
 * A replica joins a master's channel: a former master that took writes its successor never saw (a
 * forced failover) has them reconciled before anything replicates, and nothing is lost on either
 * side; an empty replica is given everything, not only what is still queued.
 */
class RejoinTest {
    @TempDir
    Path dir;

    ReplicationFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) f.close();
    }

    @Test
    void aFormerMastersUnshippedWritesAreReconciledBeforeAnythingReplicates() throws Exception {
        f = new ReplicationFixture(dir);
        var user = account(1);
        f.startClient();
        f.append(f.master.account(user).open(MailboxName.INBOX), message("before the split", "a"), Flags.NONE);
        assertThat(f.drain().complete()).isTrue();
        f.client.close();
        f.client = null;

        // The replica plays the old master, cut off: what it takes is queued on its own channel
        // and never confirmed. A new mailbox with mail, a subscription, and new mail in INBOX.
        f.replicaQueuesFor(List.of("to-the-new-master"));
        var old = f.replica.account(user);
        old.create(new MailboxName("Trip"), Set.of());
        old.subscribe(new MailboxName("Trip"));
        append(f.replica, old.open(new MailboxName("Trip")), message("photos", "b"));
        append(f.replica, old.open(MailboxName.INBOX), message("only on the old master", "c"));
        assertThat(f.replica.replication().unshipped().isEmpty()).isFalse();

        // The new master takes its own writes meanwhile.
        var now = f.master.account(user);
        Mailbox inbox = now.open(MailboxName.INBOX);
        f.append(inbox, message("only on the new master", "d"), Flags.NONE);
        inbox.store(
                UidSet.of(1), new FlagUpdate(FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.SEEN)), OptionalLong.empty());

        f.startClient();
        DrainResult result = f.drain();

        assertThat(result.complete()).isTrue();
        assertThat(result.parked()).isEmpty();
        assertThat(subjects(f.master, now.open(MailboxName.INBOX)))
                .containsExactlyInAnyOrder("before the split", "only on the old master", "only on the new master");
        assertThat(now.find(new MailboxName("Trip")))
                .hasValueSatisfying(i -> assertThat(i.messages()).isEqualTo(1));
        assertThat(now.subscriptions()).contains(new MailboxName("Trip"));
        assertThat(f.replica.replication().unshipped().isEmpty()).isTrue();
        SameMail.assertSame(f.master, f.replica);

        // Replication goes on as usual afterwards.
        f.append(now.open(MailboxName.INBOX), message("after the rejoin", "e"), Flags.NONE);
        assertThat(f.drain().complete()).isTrue();
        SameMail.assertSame(f.master, f.replica);
        assertThat(f.master.replication().backlog(ReplicationFixture.CHANNEL).entries())
                .isZero();
    }

    @Test
    void anEmptyReplicaIsGivenMailThatWasNoLongerQueued() throws Exception {
        f = new ReplicationFixture(dir);
        var user = account(3);
        var inbox = f.master.account(user).open(MailboxName.INBOX);
        for (int i = 0; i < 5; i++) f.append(inbox, message("old mail " + i, "x"), Flags.NONE);
        f.master.account(user).create(new MailboxName("Projects"), Set.of());
        // A replaced replica: the queue was shipped to its predecessor and holds nothing now.
        f.master.replication().acknowledge(ReplicationFixture.CHANNEL, Long.MAX_VALUE);
        assertThat(f.master.replication().backlog(ReplicationFixture.CHANNEL).entries())
                .isZero();

        f.startClient();
        assertThat(f.drain().complete()).isTrue();

        SameMail.assertSame(f.master, f.replica);
        assertThat(f.replica.account(user).open(MailboxName.INBOX).info().messages())
                .isEqualTo(5);
    }

    @Test
    void aReplicaThatNeverWasAMasterHasNothingToReconcile() throws Exception {
        f = new ReplicationFixture(dir);
        f.replicaQueuesFor(List.of("unused"));
        var user = account(2);
        f.startClient();
        f.append(f.master.account(user).open(MailboxName.INBOX), message("hello", "x"), Flags.NONE);
        assertThat(f.drain().complete()).isTrue();
        // A replica applies with queue = false: its own channel stays empty.
        assertThat(f.replica.replication().unshipped().isEmpty()).isTrue();
        SameMail.assertSame(f.master, f.replica);
    }

    private static void append(SlotStore store, Mailbox mailbox, byte[] bytes) throws Exception {
        try (var w = store.newMessage()) {
            w.body().write(bytes);
            try (var staged = w.finish()) {
                mailbox.append(staged, Flags.NONE, Instant.parse("2026-11-23T10:00:00Z"));
            }
        }
    }

    private static List<String> subjects(SlotStore store, Mailbox mailbox) {
        return mailbox.fetch(UidSet.ALL).stream()
                .map(MessageRecord::uid)
                .map(uid -> mailbox.summary(uid).envelope().subject())
                .toList();
    }
}
