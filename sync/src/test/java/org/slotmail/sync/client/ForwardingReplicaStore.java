package org.slotmail.sync.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.record.ChangeEntry;
import org.slotmail.store.replica.AccountState;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.Backlog;
import org.slotmail.store.replica.DeletedMailbox;
import org.slotmail.store.replica.MailboxChanges;
import org.slotmail.store.replica.MailboxState;
import org.slotmail.store.replica.ParkedChange;
import org.slotmail.store.replica.QueuedChange;
import org.slotmail.store.replica.ReplicaStore;
import org.slotmail.store.replica.ReplicaUpdate;

/** A real store passed through unchanged; tests override what they want to go wrong. */
class ForwardingReplicaStore implements ReplicaStore {
    private final ReplicaStore store;

    ForwardingReplicaStore(ReplicaStore store) {
        this.store = store;
    }

    @Override
    public List<MailboxState> states(Collection<MailboxId> ids) {
        return store.states(ids);
    }

    @Override
    public List<MailboxState> mailboxesOf(long accountId) {
        return store.mailboxesOf(accountId);
    }

    @Override
    public List<AccountState> accounts() {
        return store.accounts();
    }

    @Override
    public Optional<AccountState> account(long accountId) {
        return store.account(accountId);
    }

    @Override
    public Optional<MailboxChanges> changesSince(MailboxId id, long since) {
        return store.changesSince(id, since);
    }

    @Override
    public List<DeletedMailbox> deletedMailboxes(long accountId) {
        return store.deletedMailboxes(accountId);
    }

    @Override
    public Set<Guid> missingBlobs(Collection<Guid> guids) {
        return store.missingBlobs(guids);
    }

    @Override
    public InputStream blob(Guid guid) throws IOException {
        return store.blob(guid);
    }

    @Override
    public long blobSize(Guid guid) {
        return store.blobSize(guid);
    }

    @Override
    public StagedMessage receiveBlob(Guid expected, InputStream bytes, long size) throws IOException {
        return store.receiveBlob(expected, bytes, size);
    }

    @Override
    public List<ApplyResult> apply(List<ReplicaUpdate> updates, Collection<StagedMessage> blobs, boolean queue) {
        return store.apply(updates, blobs, queue);
    }

    @Override
    public List<String> channels() {
        return store.channels();
    }

    @Override
    public List<QueuedChange> pending(String channel, int max) {
        return store.pending(channel, max);
    }

    @Override
    public void acknowledge(String channel, long seq) {
        store.acknowledge(channel, seq);
    }

    @Override
    public Backlog backlog(String channel) {
        return store.backlog(channel);
    }

    @Override
    public void park(String channel, ParkedChange parked) {
        store.park(channel, parked);
    }

    @Override
    public List<ParkedChange> parked(String channel) {
        return store.parked(channel);
    }

    @Override
    public void unpark(String channel, ChangeEntry change) {
        store.unpark(channel, change);
    }

    @Override
    public AutoCloseable onQueued(Runnable wake) {
        return store.onQueued(wake);
    }
}
