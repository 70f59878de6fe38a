package org.slotmail.mailbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of UIDs as sorted, merged, inclusive ranges. IMAP's {@code *} is resolved by the caller;
 * {@link #ALL} stands for every UID.
 */
public record UidSet(List<Range> ranges) {
    /** An inclusive range of UIDs. */
    public record Range(long first, long last) {
        public Range {
            if (first < 1 || last < first) throw new IllegalArgumentException("bad UID range " + first + ":" + last);
        }
    }

    public static final long MAX_UID = 0xFFFF_FFFFL;
    public static final UidSet ALL = new UidSet(List.of(new Range(1, MAX_UID)));

    public UidSet {
        var sorted = new ArrayList<>(ranges);
        sorted.sort((a, b) -> Long.compare(a.first, b.first));
        var merged = new ArrayList<Range>();
        for (Range r : sorted) {
            if (!merged.isEmpty() && merged.getLast().last >= r.first - 1) {
                Range last = merged.removeLast();
                merged.add(new Range(last.first, Math.max(last.last, r.last)));
            } else merged.add(r);
        }
        ranges = List.copyOf(merged);
    }

    public static UidSet of(long... uids) {
        var list = new ArrayList<Range>();
        for (long uid : uids) list.add(new Range(uid, uid));
        return new UidSet(list);
    }

    public static UidSet of(Collection<Long> uids) {
        var list = new ArrayList<Range>();
        for (long uid : new TreeSet<>(uids)) list.add(new Range(uid, uid));
        return new UidSet(list);
    }

    public static UidSet range(long first, long last) {
        return new UidSet(List.of(new Range(first, last)));
    }

    public boolean contains(long uid) {
        int lo = 0, hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Range r = ranges.get(mid);
            if (uid < r.first) hi = mid - 1;
            else if (uid > r.last) lo = mid + 1;
            else return true;
        }
        return false;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** IMAP sequence-set syntax, e.g. {@code 1:3,7}. */
    @Override
    public String toString() {
        var sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(r.first);
            if (r.last != r.first) sb.append(':').append(r.last);
        }
        return sb.toString();
    }
}
