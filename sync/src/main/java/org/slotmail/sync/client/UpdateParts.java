package org.slotmail.sync.client;

import java.util.ArrayList;
import java.util.List;
import org.slotmail.store.replica.ReplicaUpdate;
import org.slotmail.store.replica.ReplicatedMessage;
import org.slotmail.store.replica.Tombstone;
import org.slotmail.sync.protocol.MessageCodec;
import org.slotmail.sync.protocol.Parts;

/**
 * Cuts a mailbox update too large for one apply into parts applied one after another: each part
 * has the same target, the first keeps {@code full}, the rest only add. Applied in order they
 * leave the replica as the whole update would; a replica left halfway (the connection died) has
 * the target's HIGHESTMODSEQ but not its sync CRC, which the next comparison mends record by record.
 *
 * <p>A part fits a frame, and its records name at most {@link ApplyLimits#messages()} messages
 * of at most {@link ApplyLimits#messageBytes()} together: the bytes a replica must hold for one
 * apply.
 */
final class UpdateParts {
    private UpdateParts() {}

    /** How much one apply may carry: encoded update bytes (a frame), and the messages its records name. */
    record ApplyLimits(int frameBytes, int messages, long messageBytes) {}

    static List<ReplicaUpdate.Mailbox> split(ReplicaUpdate.Mailbox update, ApplyLimits limits) {
        if (fits(update, limits)) return List.of(update);
        int room = Math.max(
                1,
                limits.frameBytes()
                        - MessageCodec.encodedSize(
                                new ReplicaUpdate.Mailbox(update.target(), List.of(), List.of(), update.full())));
        var parts = new ArrayList<ReplicaUpdate.Mailbox>();
        for (List<ReplicatedMessage> run : runs(update.put(), room, limits)) {
            if (!run.isEmpty() || parts.isEmpty()) parts.add(part(update, run, List.of(), parts.isEmpty()));
        }
        for (List<Tombstone> run : Parts.split(update.expunge(), t -> Parts.TOMBSTONE_BYTES, room)) {
            if (!run.isEmpty()) parts.add(part(update, List.of(), run, false));
        }
        return parts;
    }

    private static boolean fits(ReplicaUpdate.Mailbox update, ApplyLimits limits) {
        if (update.put().size() > limits.messages()) return false;
        if (messageBytes(update) > limits.messageBytes()) return false;
        return MessageCodec.encodedSize(update) <= limits.frameBytes();
    }

    /** The sizes of the messages an update's records name (those the replica may lack). */
    static long messageBytes(ReplicaUpdate update) {
        if (!(update instanceof ReplicaUpdate.Mailbox m)) return 0;
        long n = 0;
        for (ReplicatedMessage r : m.put()) n += r.record().size();
        return n;
    }

    /** Consecutive runs within {@code room} encoded bytes and the limits on messages; a lone record always fits. */
    private static List<List<ReplicatedMessage>> runs(List<ReplicatedMessage> records, int room, ApplyLimits limits) {
        var runs = new ArrayList<List<ReplicatedMessage>>();
        var run = new ArrayList<ReplicatedMessage>();
        long encoded = 0, bytes = 0;
        for (ReplicatedMessage r : records) {
            int n = MessageCodec.encodedSize(r);
            long size = r.record().size();
            if (!run.isEmpty()
                    && (encoded + n > room
                            || run.size() >= limits.messages()
                            || bytes + size > limits.messageBytes())) {
                runs.add(run);
                run = new ArrayList<>();
                encoded = 0;
                bytes = 0;
            }
            run.add(r);
            encoded += n;
            bytes += size;
        }
        runs.add(run);
        return runs;
    }

    private static ReplicaUpdate.Mailbox part(
            ReplicaUpdate.Mailbox whole, List<ReplicatedMessage> put, List<Tombstone> expunge, boolean first) {
        // A later part of a full update must not remove what the earlier parts put.
        return new ReplicaUpdate.Mailbox(whole.target(), put, expunge, first && whole.full());
    }
}
