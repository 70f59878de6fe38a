package org.slotmail.sync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.slotmail.sync.client.ReplicationFixture.account;
import static org.slotmail.sync.client.ReplicationFixture.message;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.AccountMail;
import org.slotmail.mailbox.Flags;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.net.tls.TlsIdentity;
import org.slotmail.store.record.ChangeEntry;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.sync.protocol.ErrorCode;
import org.slotmail.sync.protocol.Handshake;
import org.slotmail.sync.protocol.RemoteFailure;
import org.slotmail.sync.protocol.SyncSecret;

/** What goes wrong between master and replica is refused, retried or set aside, never silently accepted. */
class FailureHandlingTest {
    @TempDir
    Path dir;

    ReplicationFixture f;

    @AfterEach
    void tearDown() {
        if (f != null) f.close();
    }

    @Test
    void aSlotThatDoesNotAcceptUpdatesIsNotWrittenTo() throws Exception {
        f = new ReplicationFixture(dir);
        f.replicaAcceptsUpdates.set(false);
        f.startClient();
        f.append(f.master.account(account(1)).open(MailboxName.INBOX), message("x", "y"), Flags.NONE);

        DrainResult result = f.client.drain(Duration.ofSeconds(2));
        assertThat(result.complete()).isFalse();
        assertThat(result.queued()).isPositive();
        assertThat(f.replica.replication().accounts()).isEmpty();
        assertThat(f.client.status().lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("does not accept"));

        // Straight over the protocol too: reads are answered, writes refused.
        try (var session = ReplicaSession.open(f.endpoint())) {
            assertThat(session.accounts()).isEmpty();
            assertThatThrownBy(() -> session.apply(List.of(new ReplicaUpdate.PurgeAccount(1))))
                    .isInstanceOfSatisfying(
                            RemoteFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ACCEPTING));
            byte[] bytes = message("a", "b");
            assertThatThrownBy(() -> session.putBlobs(List.of(sha256(bytes)), source(bytes)))
                    .isInstanceOfSatisfying(
                            RemoteFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ACCEPTING));
            // Nor are a replica's leftovers from its time as master asked of a slot that is not one.
            assertThatThrownBy(session::unshipped)
                    .isInstanceOfSatisfying(
                            RemoteFailure.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ACCEPTING));
            assertThat(session.ping(3)).isEqualTo(3);
        }

        f.replicaAcceptsUpdates.set(true);
        assertThat(f.drain().complete()).isTrue();
        SameMail.assertSame(f.master, f.replica);
    }

    @Test
    void aClientWithoutTheSecretIsRefused() throws Exception {
        f = new ReplicationFixture(dir);
        var wrong = new ReplicaEndpoint(
                f.endpoint().address(),
                SyncSecret.of("pw-secret-not-the-right-one-at-all"),
                java.util.Optional.empty(),
                false,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                8 << 20,
                "intruder");
        assertThatThrownBy(() -> ReplicaSession.open(wrong)).isInstanceOf(Handshake.AuthenticationException.class);
        // The server goes on serving those who know it.
        try (var session = ReplicaSession.open(f.endpoint())) {
            assertThat(session.ping(42)).isEqualTo(42);
        }
    }

    @Test
    void aConfiguredCertificateIsTrustedAndNoOther() throws Exception {
        f = new ReplicationFixture(dir);
        try (var session = ReplicaSession.open(f.endpoint().trusting(ReplicationFixture.certificatePem()))) {
            assertThat(session.ping(1)).isEqualTo(1);
        }
        Path other = Files.createTempDirectory(dir, "other-tls");
        TlsIdentity.demo(other, "localhost");
        assertThatThrownBy(() -> ReplicaSession.open(f.endpoint().trusting(other.resolve("demo-cert.pem"))))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void bytesThatDoNotMatchTheirGuidAreRefused() throws Exception {
        f = new ReplicationFixture(dir);
        byte[] real = message("real", "bytes");
        byte[] forged = message("forged", "bytes");
        try (var session = ReplicaSession.open(f.endpoint())) {
            Map<Guid, String> refused = session.putBlobs(List.of(sha256(real)), source(forged));
            assertThat(refused).containsOnlyKeys(sha256(real));
            assertThat(refused.get(sha256(real))).contains("hash");
            assertThat(session.missingBlobs(List.of(sha256(real)))).containsExactly(sha256(real));
            // The session is still in step.
            assertThat(session.ping(5)).isEqualTo(5);
        }
    }

    @Test
    void aMailboxThatKeepsFailingIsSetAsideAndTheRestGoesOn() throws Exception {
        Set<Guid> damaged = ConcurrentHashMap.newKeySet();
        f = new ReplicationFixture(dir, store -> new ForwardingReplicaStore(store) {
            @Override
            public InputStream blob(Guid guid) throws IOException {
                if (!damaged.contains(guid)) return super.blob(guid);
                byte[] bytes = super.blob(guid).readAllBytes();
                bytes[bytes.length / 2] ^= 1; // one flipped bit on the way
                return new ByteArrayInputStream(bytes);
            }
        });
        f.startClient();
        AccountMail mail = f.master.account(account(1));
        mail.create(new MailboxName("Bad"), Set.of());
        f.append(mail.open(new MailboxName("Bad")), message("fine", "at first"), Flags.NONE);
        assertThat(f.drain().complete()).isTrue();

        byte[] poisoned = message("poisoned", "flipped on the way");
        damaged.add(sha256(poisoned));
        f.append(mail.open(new MailboxName("Bad")), poisoned, Flags.NONE);
        for (int i = 0; i < 5; i++) f.append(mail.open(MailboxName.INBOX), message("good" + i, "x"), Flags.NONE);

        DrainResult result = f.drain();
        assertThat(result.queued()).isZero();
        assertThat(result.parked()).singleElement().satisfies(p -> {
            assertThat(p.change()).isInstanceOf(ChangeEntry.MailboxChanged.class);
            assertThat(p.reason()).contains("hash");
        });
        assertThat(f.client.status().parked()).isEqualTo(1);
        var badId = mail.find(new MailboxName("Bad")).orElseThrow().id();
        var inboxId = mail.find(MailboxName.INBOX).orElseThrow().id();
        ReplicaStore replica = f.replica.replication();
        assertThat(replica.states(List.of(inboxId)))
                .isEqualTo(f.master.replication().states(List.of(inboxId)));
        assertThat(replica.states(List.of(badId)).getFirst().messages()).isEqualTo(1);

        // Mended: the parked mailbox replicates on its next try, without a new change.
        damaged.clear();
        await().atMost(Duration.ofSeconds(20)).until(() -> f.client.status().parked() == 0);
        assertThat(f.drain().complete()).isTrue();
        SameMail.assertSame(f.master, f.replica);
    }

    @Test
    void anAcknowledgementThatFailsToCommitLeavesItsEntriesToBeConfirmedAgain() throws Exception {
        var failures = new java.util.concurrent.atomic.AtomicInteger(1);
        var acknowledgements = new java.util.concurrent.atomic.AtomicInteger();
        f = new ReplicationFixture(dir, store -> new ForwardingReplicaStore(store) {
            @Override
            public void acknowledge(String channel, long seq) {
                acknowledgements.incrementAndGet();
                if (failures.getAndDecrement() > 0)
                    throw new org.slotmail.mailbox.MailboxException(
                            org.slotmail.mailbox.MailboxException.Reason.STORAGE_FAILURE, "disk full (test)");
                super.acknowledge(channel, seq);
            }
        });
        f.startClient();
        AccountMail mail = f.master.account(account(1));
        for (int i = 0; i < 3; i++) f.append(mail.open(MailboxName.INBOX), message("m" + i, "x"), Flags.NONE);

        // Acknowledgements commit while the next batch goes out; one that failed is found out and
        // its entries, still queued, are compared again (in step) and acknowledged.
        DrainResult result = f.drain();
        assertThat(result.complete()).isTrue();
        assertThat(acknowledgements.get()).isGreaterThanOrEqualTo(2);
        assertThat(f.master.replication().backlog(f.clientSettings().channel()).entries())
                .isZero();
        SameMail.assertSame(f.master, f.replica);
    }

    @Test
    void aBacklogLargerThanTheReplicaStagesForOneApplyGoesInSeveral() throws Exception {
        f = new ReplicationFixture(dir);
        // The replica holds 50 messages for one apply; the client names at most 40 per apply.
        f.serverSettings(s -> s.withStaging(50, 1L << 30));
        f.clientSettings(f.clientSettings().withApplyLimits(40, 1L << 30));
        AccountMail mail = f.master.account(account(1));
        mail.create(new MailboxName("Other"), Set.of());
        for (int i = 0; i < 130; i++) f.append(mail.open(MailboxName.INBOX), message("in" + i, "x"), Flags.NONE);
        for (int i = 0; i < 30; i++) f.append(mail.open(new MailboxName("Other")), message("o" + i, "y"), Flags.NONE);

        // One batch, one mailbox of 130 new messages and another of 30: cut into applies of at
        // most 40, none refused (a refusal fails the mailbox's update, and it would go round
        // until set aside).
        f.startClient();
        DrainResult result = f.drain();
        assertThat(result.complete()).isTrue();
        assertThat(result.parked()).isEmpty();
        SameMail.assertSame(f.master, f.replica);
    }

    @Test
    void aReplicaThatWentAheadIsReconciledNotOverwritten() throws Exception {
        f = new ReplicationFixture(dir);
        f.startClient();
        var user = account(1);
        f.append(f.master.account(user).open(MailboxName.INBOX), message("shared", "x"), Flags.NONE);
        assertThat(f.drain().complete()).isTrue();

        // Mail delivered to the replica itself, as after a forced failover: it must not be lost.
        var replicaInbox = f.replica.account(user).open(MailboxName.INBOX);
        for (int i = 0; i < 2; i++) {
            try (var w = f.replica.newMessage()) {
                w.body().write(message("only on the replica " + i, "y"));
                try (var staged = w.finish()) {
                    replicaInbox.append(staged, Flags.NONE, java.time.Instant.parse("2026-11-23T10:00:00Z"));
                }
            }
        }
        f.append(f.master.account(user).open(MailboxName.INBOX), message("master", "z"), Flags.NONE);

        DrainResult result = f.drain();
        assertThat(result.complete()).isTrue();
        assertThat(result.parked()).isEmpty();
        assertThat(f.master.account(user).open(MailboxName.INBOX).info().messages())
                .isEqualTo(4);
        SameMail.assertSame(f.master, f.replica);
    }

    @Test
    void theReplicaReportsWhatItCannotApply() throws Exception {
        f = new ReplicationFixture(dir);
        var user = account(1);
        f.append(f.master.account(user).open(MailboxName.INBOX), message("m", "x"), Flags.NONE);
        var inbox = f.master.replication().mailboxesOf(1).stream()
                .filter(s -> s.name().isInbox())
                .findFirst()
                .orElseThrow();
        var changes = f.master.replication().changesSince(inbox.id(), 0).orElseThrow();
        try (var session = ReplicaSession.open(f.endpoint())) {
            // The account is not there yet, and the message's bytes were never sent.
            List<ApplyResult> results = session.apply(
                    List.of(new ReplicaUpdate.Mailbox(changes.state(), changes.records(), changes.expunged(), false)));
            assertThat(results).singleElement().isInstanceOf(ApplyResult.Failed.class);
            results = session.apply(List.of(
                    new ReplicaUpdate.Account(f.master.replication().account(1).orElseThrow()),
                    new ReplicaUpdate.Mailbox(changes.state(), changes.records(), changes.expunged(), false)));
            assertThat(results.get(0)).isInstanceOf(ApplyResult.Applied.class);
            assertThat(results.get(1))
                    .isInstanceOfSatisfying(
                            ApplyResult.Failed.class,
                            r -> assertThat(r.reason()).contains("not here"));
        }
    }

    static Guid sha256(byte[] bytes) throws Exception {
        return Guid.of(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static BlobSource source(byte[] bytes) {
        return new BlobSource() {
            @Override
            public long size(Guid guid) {
                return bytes.length;
            }

            @Override
            public InputStream open(Guid guid) {
                return new ByteArrayInputStream(bytes);
            }
        };
    }
}
