package org.slotmail.sync.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxInfo;
import org.slotmail.mailbox.QuotaLimits;
import org.slotmail.store.mailbox.SlotStore;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.sync.compare.FullComparison;

/**
 * Asserts that a replica holds exactly the master's mail: the same accounts and subscriptions,
 * mailboxes (state, counters as the mailbox API reports them), every record in every detail
 * (keywords spelled alike, cached summaries byte for byte), every tombstone, and every message's
 * bytes, read back from each side's segments.
 */
final class SameMail {
    private SameMail() {}

    static void assertSame(SlotStore masterStore, SlotStore replicaStore) {
        ReplicaStore master = masterStore.replication();
        ReplicaStore replica = replicaStore.replication();
        List<AccountState> accounts = sorted(master.accounts());
        assertThat(sorted(replica.accounts())).as("accounts").isEqualTo(accounts);
        Set<Guid> blobs = new HashSet<>();
        for (AccountState account : accounts) {
            List<MailboxState> boxes = master.mailboxesOf(account.accountId()).stream()
                    .sorted(Comparator.comparing(s -> s.id().toString()))
                    .toList();
            List<MailboxState> theirs = replica.mailboxesOf(account.accountId()).stream()
                    .sorted(Comparator.comparing(s -> s.id().toString()))
                    .toList();
            assertThat(theirs).as("mailboxes of %s", account.address()).isEqualTo(boxes);
            for (MailboxState box : boxes) {
                MailboxChanges mine = master.changesSince(box.id(), 0).orElseThrow();
                MailboxChanges copy = replica.changesSince(box.id(), 0).orElseThrow();
                assertThat(copy.state()).isEqualTo(mine.state());
                assertThat(copy.records()).as("records of %s", box.name()).isEqualTo(mine.records());
                for (int i = 0; i < mine.records().size(); i++) {
                    ReplicatedMessage a = mine.records().get(i),
                            b = copy.records().get(i);
                    assertThat(FullComparison.sameMessage(a, b))
                            .as("record %s", a)
                            .isTrue();
                    blobs.add(a.record().guid());
                }
                assertThat(copy.expunged()).as("tombstones of %s", box.name()).isEqualTo(mine.expunged());
            }
            var user = new org.slotmail.mailbox.Account(account.accountId(), account.address(), QuotaLimits.UNLIMITED);
            List<MailboxInfo> infos = masterStore.account(user).list();
            assertThat(replicaStore.account(user).list())
                    .as("mailbox list of %s", account.address())
                    .isEqualTo(infos);
        }
        for (Guid guid : blobs) {
            assertThat(bytes(replica, guid)).as("bytes of %s", guid).isEqualTo(bytes(master, guid));
        }
    }

    private static List<AccountState> sorted(List<AccountState> accounts) {
        return accounts.stream()
                .sorted(Comparator.comparingLong(AccountState::accountId))
                .toList();
    }

    private static byte[] bytes(ReplicaStore store, Guid guid) {
        try (InputStream in = store.blob(guid)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
