package org.slotmail.store.mailbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MailboxException.Reason;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.StagedMessage;
import org.slotmail.store.blob.BlobLocation;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;

/**
 * A batch of replica updates made ready on the caller's thread, so the commit thread only writes
 * rows: received bytes appended to a segment (once per GUID), every record's summary present
 * and checked (the master's, or parsed here from the bytes), and the updates that cannot apply
 * refused up front with their reason.
 */
record ReplicaBatch(
        List<ReplicaUpdate> updates,
        List<String> refused,
        Map<Guid, MessageWrites.NewMessage> arrived,
        Map<MailboxId, Integer> lastUpdateOf) {

    static ReplicaBatch prepare(SlotStore store, List<ReplicaUpdate> updates, Collection<StagedMessage> blobs) {
        var staged = new HashMap<Guid, StagedBytes>();
        for (StagedMessage m : blobs) {
            if (!(m instanceof StagedBytes s))
                throw new IllegalArgumentException("message bytes were not received by this store");
            staged.putIfAbsent(s.guid(), s);
        }
        var arrived = new HashMap<Guid, MessageWrites.NewMessage>();
        var ready = new ArrayList<ReplicaUpdate>(updates.size());
        var refused = new ArrayList<String>(updates.size());
        var last = new HashMap<MailboxId, Integer>();
        for (ReplicaUpdate u : updates) {
            String refusal = null;
            if (u instanceof ReplicaUpdate.Mailbox m) {
                try {
                    u = withSummaries(store, m, staged, arrived);
                } catch (RuntimeException e) {
                    refusal = ReplicaWrites.reason(e);
                }
            }
            switch (u) {
                case ReplicaUpdate.Mailbox m -> last.put(m.target().id(), ready.size());
                case ReplicaUpdate.DeleteMailbox d -> last.put(d.id(), ready.size());
                default -> {}
            }
            ready.add(u);
            refused.add(refusal);
        }
        return new ReplicaBatch(List.copyOf(ready), java.util.Collections.unmodifiableList(refused), arrived, last);
    }

    /** The update with every record's summary bytes present; received bytes put in a segment. */
    private static ReplicaUpdate.Mailbox withSummaries(
            SlotStore store,
            ReplicaUpdate.Mailbox m,
            Map<Guid, StagedBytes> staged,
            Map<Guid, MessageWrites.NewMessage> arrived) {
        Map<Long, byte[]> kept = keptSummaries(store, m);
        var puts = new ArrayList<ReplicatedMessage>(m.put().size());
        for (ReplicatedMessage rm : m.put()) {
            Guid guid = rm.record().guid();
            StagedBytes bytes = staged.get(guid);
            if (bytes != null && !arrived.containsKey(guid)) arrived.put(guid, store.prepareBytes(bytes));
            byte[] summary;
            if (rm.summary() != null)
                summary = checked(rm.summary(), rm.record().uid());
            else if ((summary = kept.get(rm.record().uid())) != null) {
                // The message is here under this UID already (its flags changed): its summary stays.
            } else if (bytes != null) summary = bytes.summaryBytes();
            else summary = parseStored(store, guid);
            puts.add(new ReplicatedMessage(rm.record(), summary));
        }
        return new ReplicaUpdate.Mailbox(m.target(), puts, m.expunge(), m.full());
    }

    /** The summaries held here for the records sent without one whose UID here names the same message. */
    private static Map<Long, byte[]> keptSummaries(SlotStore store, ReplicaUpdate.Mailbox m) {
        if (m.put().stream().allMatch(rm -> rm.summary() != null)) return Map.of();
        MailboxId id = m.target().id();
        return store.read(r -> {
            var kept = new HashMap<Long, byte[]>();
            for (ReplicatedMessage rm : m.put()) {
                if (rm.summary() != null) continue;
                long uid = rm.record().uid();
                boolean same = r.message(id, uid)
                        .filter(here -> here.guid().equals(rm.record().guid()))
                        .isPresent();
                byte[] summary = same ? r.summary(id, uid) : null;
                if (summary != null) kept.put(uid, summary);
            }
            return kept;
        });
    }

    private static byte[] checked(byte[] summary, long uid) {
        try {
            MessageSummary.fromBytes(summary);
            return summary;
        } catch (RuntimeException e) {
            throw new MailboxException(Reason.CORRUPTED, "summary of UID " + uid + " is damaged: " + e.getMessage());
        }
    }

    /** Parses the summary from bytes this store already has (a master that sent none). */
    private static byte[] parseStored(SlotStore store, Guid guid) {
        var row = store.read(r -> r.blob(guid))
                .orElseThrow(() -> new MailboxException(
                        Reason.NONEXISTENT, "bytes of message " + guid + " are neither here nor in the batch"));
        try (InputStream in =
                store.segments().open(new BlobLocation(row.segment(), row.offset(), row.length()), guid)) {
            return MessageSummary.parse(in).toBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message " + guid, e);
        }
    }

    /** The update of {@code mailbox} that comes last in the batch, if it comes after {@code index} and can apply. */
    ReplicaUpdate laterUpdateOf(MailboxId mailbox, int index) {
        Integer at = lastUpdateOf.get(mailbox);
        if (at == null || at <= index || refused.get(at) != null) return null;
        return updates.get(at);
    }
}
