package org.slotmail.imap.syntax;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence set as the client wrote it (RFC 9051 §9 sequence-set): numbers, ranges and {@code *},
 * or {@code $} for the result saved by SEARCH (RFC 5182). Whether the numbers are message sequence
 * numbers or UIDs depends on the command; the session resolves {@code *}.
 */
public record SequenceSet(List<Range> ranges, boolean saved) {
    /** {@code *}: the largest number in use. */
    public static final long STAR = Long.MAX_VALUE;

    /** An inclusive range as written; either end may be {@link #STAR}, in either order. */
    public record Range(long first, long last) {}

    public SequenceSet {
        ranges = List.copyOf(ranges);
    }

    public static SequenceSet savedResult() {
        return new SequenceSet(List.of(), true);
    }

    /** Parses a sequence set at the input's position. */
    public static SequenceSet parse(ImapInput in) throws SyntaxException {
        if (in.accept('$')) return savedResult();
        var ranges = new ArrayList<Range>();
        do {
            long first = element(in);
            long last = first;
            if (in.accept(':')) last = element(in);
            ranges.add(new Range(first, last));
        } while (in.accept(','));
        return new SequenceSet(ranges, false);
    }

    private static long element(ImapInput in) throws SyntaxException {
        if (in.accept('*')) return STAR;
        long n = in.number();
        if (n == 0 || n > 0xFFFF_FFFFL) throw in.error("bad number in sequence set");
        return n;
    }

    /**
     * The ranges with {@code *} replaced by {@code star}, each ordered low to high; a range entirely
     * above {@code star} stays (and matches nothing).
     */
    public List<Range> resolve(long star) {
        var out = new ArrayList<Range>(ranges.size());
        for (Range r : ranges) {
            long a = r.first == STAR ? star : r.first;
            long b = r.last == STAR ? star : r.last;
            out.add(new Range(Math.min(a, b), Math.max(a, b)));
        }
        return out;
    }

    @Override
    public String toString() {
        if (saved) return "$";
        var sb = new StringBuilder();
        for (Range r : ranges) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(r.first == STAR ? "*" : Long.toString(r.first));
            if (r.last != r.first) sb.append(':').append(r.last == STAR ? "*" : Long.toString(r.last));
        }
        return sb.toString();
    }
}
