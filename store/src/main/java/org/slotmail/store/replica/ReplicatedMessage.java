package org.slotmail.store.replica;

import java.util.Arrays;
import org.slotmail.mailbox.MessageRecord;

/**
 * A message record exactly as the master holds it, with its parsed summary (envelope, body
 * structure) as the master stored it, so a replica answers FETCH ENVELOPE and BODYSTRUCTURE byte
 * for byte like the master. A null {@code summary} asks the receiving store to keep the summary it
 * holds for that UID and message, or else to parse it from the message's bytes. Equal when record
 * and summary bytes are equal.
 */
public record ReplicatedMessage(MessageRecord record, byte[] summary) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ReplicatedMessage m && m.record.equals(record) && Arrays.equals(m.summary, summary);
    }

    @Override
    public int hashCode() {
        return record.hashCode() * 31 + Arrays.hashCode(summary);
    }

    @Override
    public String toString() {
        return "ReplicatedMessage[record=" + record + ", summary="
                + (summary == null ? "null" : summary.length + " bytes") + "]";
    }
}
