package org.slotmail.store.check;

import java.util.List;

/** The result of checking a slot: how much was looked at, and every damage found. */
public record CheckReport(long accounts, long mailboxes, long messages, long blobs, List<Damage> damages) {
    public boolean clean() {
        return damages.isEmpty();
    }
}
