package org.slotmail.store.replica;

import org.slotmail.store.record.ChangeEntry;

/**
 * A change set aside on a channel because replicating it kept failing: kept durably apart from the
 * queue so it neither blocks the channel nor is forgotten, with the last failure and when it was parked.
 */
public record ParkedChange(ChangeEntry change, String reason, long parkedAtMillis, int attempts) {}
