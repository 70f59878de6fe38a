package org.slotmail.mail.search;

import org.slotmail.mail.CaseFold;

/**
 * Finds a string in text that arrives in pieces, case-insensitively ({@link CaseFold}), with
 * Knuth-Morris-Pratt so that no piece is kept and a match may straddle pieces (even a surrogate
 * pair split between them). Stops looking once found. Text is expected to be well-formed UTF-16,
 * as decoders produce it: a lone high surrogate at the very end is never looked at.
 */
final class FoldedMatcher {
    private final int[] needle;
    private final int[] fallback;
    private int matched;
    private boolean found;
    private char pendingHigh;

    FoldedMatcher(String needle) {
        this.needle = CaseFold.fold(needle).codePoints().toArray();
        this.fallback = fallbackTable(this.needle);
        this.found = this.needle.length == 0;
    }

    /** For each prefix length, the length of its longest proper border (the KMP failure function). */
    private static int[] fallbackTable(int[] p) {
        int[] table = new int[p.length + 1];
        if (p.length > 0) table[0] = -1;
        for (int i = 1, k = 0; i < p.length; i++) {
            table[i] = k;
            while (k > 0 && p[i] != p[k]) k = table[k];
            if (p[i] == p[k]) k++;
        }
        if (p.length > 0) table[p.length] = 0;
        return table;
    }

    boolean found() {
        return found;
    }

    /** Looks through more text; returns whether the string has been found by now. */
    boolean feed(char[] chars, int off, int len) {
        for (int i = off; i < off + len && !found; i++) feed(chars[i]);
        return found;
    }

    /** {@link #feed(char[], int, int)} for a string. */
    boolean feed(CharSequence text) {
        for (int i = 0; i < text.length() && !found; i++) feed(text.charAt(i));
        return found;
    }

    private void feed(char c) {
        if (Character.isHighSurrogate(c)) {
            if (pendingHigh != 0) accept(pendingHigh);
            pendingHigh = c;
            return;
        }
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(c)) {
                accept(Character.toCodePoint(high, c));
                return;
            }
            accept(high);
        }
        accept(c);
    }

    private void accept(int codePoint) {
        if (found) return;
        int cp = CaseFold.fold(codePoint);
        while (matched > 0 && needle[matched] != cp) matched = fallback[matched];
        if (needle[matched] == cp) matched++;
        if (matched == needle.length) found = true;
    }
}
