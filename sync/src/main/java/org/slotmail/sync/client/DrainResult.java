package org.slotmail.sync.client;

import java.util.List;
import org.slotmail.store.replica.ParkedChange;

/**
 * What {@link SyncClient#drain} achieved: {@code complete} when the queue was empty, nothing was in
 * flight and nothing is set aside, i.e. the replica holds everything the master committed before
 * the drain began.
 */
public record DrainResult(boolean complete, long queued, List<ParkedChange> parked) {
    public DrainResult {
        parked = List.copyOf(parked);
    }
}
