package org.slotmail.store.replica;

import org.slotmail.mailbox.MessageRecord;

/** A message record exactly as the master holds it, with its parsed summary (envelope, body structure). */
public record ReplicatedMessage(MessageRecord record, byte[] summary) {}
