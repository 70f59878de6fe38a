package org.slotmail.mailbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A message's stored flags: the IMAP system flags as bits and keywords as a sorted set.
 * {@code \Recent} is per session and never stored. Keywords compare case-insensitively (RFC 9051
 * §2.3.2), so they are kept in one canonical spelling: the first one seen, lower-cased for
 * comparison.
 */
public record Flags(int system, SortedSet<String> keywords) {
    public static final int SEEN = 1;
    public static final int ANSWERED = 2;
    public static final int FLAGGED = 4;
    public static final int DELETED = 8;
    public static final int DRAFT = 16;
    private static final int ALL_SYSTEM = SEEN | ANSWERED | FLAGGED | DELETED | DRAFT;
    private static final String[] SYSTEM_NAMES = {"\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"};
    public static final int MAX_KEYWORD_LENGTH = 250;

    private static final SortedSet<String> NO_KEYWORDS =
            Collections.unmodifiableSortedSet(new TreeSet<>(String.CASE_INSENSITIVE_ORDER));

    public static final Flags NONE = new Flags(0, new TreeSet<>());

    public Flags {
        if ((system & ~ALL_SYSTEM) != 0) throw new IllegalArgumentException("unknown system flag bits");
        // Most messages have no keywords; they share one empty set instead of a TreeSet each.
        keywords = keywords.isEmpty() ? NO_KEYWORDS : copyOf(keywords);
    }

    // Every combination of system flags without keywords, made once: reading 100,000 records
    // then allocates no flags at all.
    private static final Flags[] SYSTEM_ONLY = new Flags[ALL_SYSTEM + 1];

    static {
        for (int bits = 0; bits <= ALL_SYSTEM; bits++) SYSTEM_ONLY[bits] = new Flags(bits, NO_KEYWORDS);
    }

    /** System flags only, no keywords; the same instance for the same bits. */
    public static Flags ofSystem(int bits) {
        if ((bits & ~ALL_SYSTEM) != 0) throw new IllegalArgumentException("unknown system flag bits");
        return SYSTEM_ONLY[bits];
    }

    private static SortedSet<String> copyOf(Collection<String> keywords) {
        var copy = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        for (String k : keywords) copy.add(checkKeyword(k));
        return Collections.unmodifiableSortedSet(copy);
    }

    public static Flags of(int system, String... keywords) {
        return new Flags(system, new TreeSet<>(List.of(keywords)));
    }

    /** Parses flag names as IMAP writes them ({@code \Seen}, {@code $Junk}, ...). */
    public static Flags parse(Collection<String> names) {
        int system = 0;
        var keywords = new TreeSet<String>(String.CASE_INSENSITIVE_ORDER);
        for (String name : names) {
            int bit = systemBit(name);
            if (bit > 0) system |= bit;
            else if (name.startsWith("\\")) {
                throw new IllegalArgumentException("not a settable system flag: " + name);
            } else keywords.add(name);
        }
        return new Flags(system, keywords);
    }

    private static int systemBit(String name) {
        for (int i = 0; i < SYSTEM_NAMES.length; i++) {
            if (SYSTEM_NAMES[i].equalsIgnoreCase(name)) return 1 << i;
        }
        return 0;
    }

    private static String checkKeyword(String k) {
        if (k.isEmpty() || k.length() > MAX_KEYWORD_LENGTH) throw new IllegalArgumentException("bad keyword length");
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            // RFC 9051 atom-char minus atom-specials and the resp-specials ']'.
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new IllegalArgumentException("bad keyword: " + k);
            }
        }
        return k;
    }

    public boolean has(int flag) {
        return (system & flag) != 0;
    }

    public boolean hasKeyword(String keyword) {
        return keywords.contains(keyword);
    }

    public Flags with(Flags other) {
        var k = new TreeSet<>(keywords);
        k.addAll(other.keywords);
        return new Flags(system | other.system, k);
    }

    public Flags without(Flags other) {
        var k = new TreeSet<>(keywords);
        k.removeAll(other.keywords);
        return new Flags(system & ~other.system, k);
    }

    /** All flag names as IMAP writes them, system flags first. */
    public List<String> names() {
        var names = new ArrayList<String>();
        for (int i = 0; i < SYSTEM_NAMES.length; i++) {
            if ((system & (1 << i)) != 0) names.add(SYSTEM_NAMES[i]);
        }
        names.addAll(keywords);
        return names;
    }

    /** A canonical text form (used in checksums): names joined by spaces, keywords lower-cased. */
    public String canonical() {
        var sb = new StringBuilder().append(system);
        for (String k : keywords) sb.append(' ').append(k.toLowerCase(Locale.ROOT));
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Flags f && f.system == system && f.canonical().equals(canonical());
    }

    @Override
    public int hashCode() {
        return canonical().hashCode();
    }

    @Override
    public String toString() {
        return String.join(" ", names());
    }
}
