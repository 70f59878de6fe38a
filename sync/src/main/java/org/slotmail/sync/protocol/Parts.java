package org.slotmail.sync.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Cuts a list into runs whose estimated encoded size stays within a budget, so each fits a frame. */
public final class Parts {
    private Parts() {}

    /**
     * Consecutive runs of {@code items}, each adding up to at most {@code budget} bytes by {@code
     * sizeOf} (an item larger than the budget gets a run of its own); always at least one run,
     * possibly empty, so a reply of nothing still goes out.
     */
    public static <T> List<List<T>> split(List<T> items, ToIntFunction<T> sizeOf, int budget) {
        var runs = new ArrayList<List<T>>();
        var run = new ArrayList<T>();
        long size = 0;
        for (T item : items) {
            int n = sizeOf.applyAsInt(item);
            if (!run.isEmpty() && size + n > budget) {
                runs.add(run);
                run = new ArrayList<>();
                size = 0;
            }
            run.add(item);
            size += n;
        }
        runs.add(run);
        return runs;
    }

    /** Size estimates for the codec's parts; generous rather than exact. */
    public static int sizeOf(org.slotmail.store.replica.MailboxState state) {
        return 100 + 3 * state.name().value().length();
    }

    public static int sizeOf(org.slotmail.store.replica.AccountState account) {
        int n = 20 + 3 * account.address().length();
        for (var s : account.subscriptions()) n += 4 + 3 * s.value().length();
        return n;
    }

    public static int sizeOf(org.slotmail.store.replica.DeletedMailbox mailbox) {
        return 80 + 3 * mailbox.name().value().length();
    }

    /** A tombstone's exact size. */
    public static final int TOMBSTONE_BYTES = 8 + 8 + 1 + 32;
}
