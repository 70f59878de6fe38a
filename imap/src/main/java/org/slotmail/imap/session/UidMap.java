package org.slotmail.imap.session;

import java.util.Arrays;

/**
 * The message sequence numbers of a selected mailbox: the UID at each position, kept as runs of
 * consecutive UIDs. A mailbox with few expunges is a handful of runs however many messages it
 * has, so an idle session on a 100,000-message INBOX costs bytes, not the 800 KB a plain array
 * would.
 */
final class UidMap {
    private long[] firstUid = new long[4];
    private int[] length = new int[4];
    /** The sequence number of each run's first message, minus one. */
    private int[] before = new int[4];

    private int runs;
    private int size;

    UidMap(long[] uids) {
        for (long uid : uids) append(uid);
    }

    private UidMap(UidMap other) {
        firstUid = other.firstUid.clone();
        length = other.length.clone();
        before = other.before.clone();
        runs = other.runs;
        size = other.size;
    }

    /** An independent copy: sessions share a snapshot and change only their own copy. */
    UidMap copy() {
        return new UidMap(this);
    }

    int size() {
        return size;
    }

    long last() {
        return runs == 0 ? 0 : firstUid[runs - 1] + length[runs - 1] - 1;
    }

    /** The UID at 1-based sequence number {@code seq}. */
    long uidAt(int seq) {
        int r = runOfSeq(seq);
        return firstUid[r] + (seq - 1 - before[r]);
    }

    /** The sequence number of {@code uid}, or 0 when it is not in the map. */
    int seqOf(long uid) {
        int lo = 0;
        int hi = runs - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < firstUid[mid]) hi = mid - 1;
            else if (uid >= firstUid[mid] + length[mid]) lo = mid + 1;
            else return before[mid] + (int) (uid - firstUid[mid]) + 1;
        }
        return 0;
    }

    /** Adds a UID above every UID in the map. */
    void append(long uid) {
        if (uid <= last()) throw new IllegalArgumentException("UIDs must increase: " + uid + " after " + last());
        if (runs > 0 && uid == last() + 1) {
            length[runs - 1]++;
        } else {
            grow();
            firstUid[runs] = uid;
            length[runs] = 1;
            before[runs] = size;
            runs++;
        }
        size++;
    }

    /** Removes the message at {@code seq}; later messages move down one number. */
    void remove(int seq) {
        int r = runOfSeq(seq);
        int offset = seq - 1 - before[r];
        if (length[r] == 1) {
            shift(r + 1, -1);
            for (int k = r; k < runs; k++) before[k]--;
            size--;
            return;
        } else if (offset == 0) {
            firstUid[r]++;
            length[r]--;
        } else if (offset == length[r] - 1) {
            length[r]--;
        } else {
            // Split the run around the removed UID.
            grow();
            shift(r + 1, 1);
            firstUid[r + 1] = firstUid[r] + offset + 1;
            length[r + 1] = length[r] - offset - 1;
            before[r + 1] = before[r] + offset;
            length[r] = offset;
            for (int k = r + 2; k < runs; k++) before[k]--;
            size--;
            return;
        }
        for (int k = r + 1; k < runs; k++) before[k]--;
        size--;
    }

    private int runOfSeq(int seq) {
        if (seq < 1 || seq > size) throw new IndexOutOfBoundsException("no message " + seq + " of " + size);
        int lo = 0;
        int hi = runs - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (before[mid] < seq) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** Moves runs from {@code from} on by {@code by} places (±1). */
    private void shift(int from, int by) {
        System.arraycopy(firstUid, from, firstUid, from + by, runs - from);
        System.arraycopy(length, from, length, from + by, runs - from);
        System.arraycopy(before, from, before, from + by, runs - from);
        runs += by;
    }

    private void grow() {
        if (runs + 1 < firstUid.length) return;
        int n = firstUid.length * 2;
        firstUid = Arrays.copyOf(firstUid, n);
        length = Arrays.copyOf(length, n);
        before = Arrays.copyOf(before, n);
    }
}
