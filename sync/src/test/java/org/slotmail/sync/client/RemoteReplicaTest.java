package org.slotmail.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.FlagUpdate;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.mailbox.UidSet;
import org.slotmail.sync.reconcile.Reconciler;
import org.slotmail.sync.verify.Difference;
import org.slotmail.sync.verify.Verifier;

/** Verify and split-brain reconciliation against a replica reached over the sync protocol. */
class RemoteReplicaTest {
    @TempDir
    Path dir;

    @Test
    void verifyFindsWhatTheReplicaLacksAndRepairMendsIt() throws Exception {
        try (var f = new ReplicationFixture(dir);
                var remote = new RemoteReplica(ReplicaSession.open(f.endpoint()))) {
            var inbox = f.master.account(ReplicationFixture.account(1)).open(MailboxName.INBOX);
            for (int i = 0; i < 5; i++) f.append(inbox, ReplicationFixture.message("m" + i, "body " + i), Flags.NONE);
            // No sync client ran: the replica has nothing yet.
            var progress = new ArrayList<Verifier.Progress>();
            var found = new Verifier(f.master.replication(), remote).run(false, progress::add);
            assertThat(found.differences()).isNotEmpty();
            assertThat(found.differences()).anyMatch(d -> d instanceof Difference.AccountDiffers);
            assertThat(progress)
                    .last()
                    .extracting(Verifier.Progress::accountsDone)
                    .isEqualTo(1);

            var repaired = new Verifier(f.master.replication(), remote).run(true, p -> {});
            assertThat(repaired.repaired()).isPositive();

            var after = new Verifier(f.master.replication(), remote).run(false, p -> {});
            assertThat(after.differences()).isEmpty();
            assertThat(after.messages()).isEqualTo(5);
            assertThat(after.blobs()).isEqualTo(5);
        }
    }

    @Test
    void bytesHeldForTheReplicaCanBeParsedLikeAnyStagedMessage() throws Exception {
        try (var f = new ReplicationFixture(dir);
                var remote = new RemoteReplica(ReplicaSession.open(f.endpoint()))) {
            byte[] bytes = ReplicationFixture.message("held", "on its way to the replica");
            try (var staged = f.stage(bytes);
                    var held =
                            remote.receiveBlob(staged.guid(), new java.io.ByteArrayInputStream(bytes), bytes.length)) {
                assertThat(held.guid()).isEqualTo(staged.guid());
                assertThat(held.summary()).isEqualTo(staged.summary());
            }
        }
    }

    @Test
    void aReplicaThatTookWritesIsReconciledOverTheWire() throws Exception {
        try (var f = new ReplicationFixture(dir)) {
            var alice = ReplicationFixture.account(1);
            var inbox = f.master.account(alice).open(MailboxName.INBOX);
            f.append(inbox, ReplicationFixture.message("shared", "both sides have this"), Flags.NONE);
            f.startClient();
            assertThat(f.drain().complete()).isTrue();
            f.client.close();
            f.client = null;

            // Split brain: each side takes a delivery the other never sees, and a flag change.
            f.append(inbox, ReplicationFixture.message("master only", "new on the master"), Flags.NONE);
            var theirs = f.replica.account(alice).open(MailboxName.INBOX);
            try (var w = f.replica.newMessage()) {
                w.body().write(ReplicationFixture.message("replica only", "new on the old master"));
                try (var staged = w.finish()) {
                    theirs.append(staged, Flags.NONE, Instant.parse("2026-11-23T11:00:00Z"));
                }
            }
            theirs.store(
                    UidSet.of(1),
                    new FlagUpdate(FlagUpdate.Mode.ADD, Flags.ofSystem(Flags.FLAGGED)),
                    OptionalLong.empty());

            try (var remote = new RemoteReplica(ReplicaSession.open(f.endpoint()))) {
                new Reconciler(f.master.replication(), remote).reconcileAll();
                assertThat(new Verifier(f.master.replication(), remote)
                                .run(false, p -> {})
                                .differences())
                        .isEmpty();
            }
            var records = inbox.fetch(UidSet.ALL);
            assertThat(records).hasSize(3); // nothing lost
            assertThat(records.getFirst().flags().has(Flags.FLAGGED)).isTrue(); // the later flag change
            assertThat(records.getFirst().uid()).isEqualTo(1);
            // UID 2 named different messages on each side: neither keeps it.
            assertThat(records).extracting(r -> r.uid()).doesNotContain(2L);
            assertThat(inbox.expunge(Optional.empty())).isEmpty();
        }
    }
}
