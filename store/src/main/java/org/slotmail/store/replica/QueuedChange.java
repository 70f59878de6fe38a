package org.slotmail.store.replica;

import org.slotmail.store.record.ChangeEntry;

/** One entry of a channel queue with its sequence number (what {@code acknowledge} takes). */
public record QueuedChange(long seq, ChangeEntry change) {}
