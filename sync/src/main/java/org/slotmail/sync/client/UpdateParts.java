package org.slotmail.sync.client;

import java.util.ArrayList;
import java.util.List;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;
import org.slotmail.sync.protocol.MessageCodec;
import org.slotmail.sync.protocol.Parts;

/**
 * Cuts a mailbox update too large for one frame into parts applied one after another: each part
 * has the same target, the first keeps {@code full}, the rest only add. Applied in order they
 * leave the replica as the whole update would; a replica left halfway (the connection died) has
 * the target's HIGHESTMODSEQ but not its sync CRC, which the next comparison mends record by record.
 */
final class UpdateParts {
    private UpdateParts() {}

    static List<ReplicaUpdate.Mailbox> split(ReplicaUpdate.Mailbox update, int budget) {
        if (MessageCodec.encodedSize(update) <= budget) return List.of(update);
        int room = Math.max(
                1,
                budget
                        - MessageCodec.encodedSize(
                                new ReplicaUpdate.Mailbox(update.target(), List.of(), List.of(), update.full())));
        var parts = new ArrayList<ReplicaUpdate.Mailbox>();
        for (List<ReplicatedMessage> run : Parts.split(update.put(), MessageCodec::encodedSize, room)) {
            if (!run.isEmpty() || parts.isEmpty()) parts.add(part(update, run, List.of(), parts.isEmpty()));
        }
        for (List<Tombstone> run : Parts.split(update.expunge(), t -> Parts.TOMBSTONE_BYTES, room)) {
            if (!run.isEmpty()) parts.add(part(update, List.of(), run, false));
        }
        return parts;
    }

    private static ReplicaUpdate.Mailbox part(
            ReplicaUpdate.Mailbox whole, List<ReplicatedMessage> put, List<Tombstone> expunge, boolean first) {
        // A later part of a full update must not remove what the earlier parts put.
        return new ReplicaUpdate.Mailbox(whole.target(), put, expunge, first && whole.full());
    }
}
