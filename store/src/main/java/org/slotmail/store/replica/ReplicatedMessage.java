package org.slotmail.store.replica;

import org.slotmail.mailbox.MessageRecord;

/**
 * A message record exactly as the master holds it, with its parsed summary (envelope, body
 * structure) as the master stored it, so a replica answers FETCH ENVELOPE and BODYSTRUCTURE byte
 * for byte like the master. A null {@code summary} asks the receiving store to parse it from the
 * message's bytes instead.
 */
public record ReplicatedMessage(MessageRecord record, byte[] summary) {}
