package org.slotmail.mail;

/**
 * The case-insensitive comparison IMAP SEARCH and SORT use: a simple Unicode case fold, one code
 * point at a time (upper-casing then lower-casing each), so that folding never changes a string's
 * length in code points and never depends on neighbouring characters. That makes it safe to fold
 * a stream piece by piece; String.toLowerCase would not be (Greek final sigma looks at context).
 */
public final class CaseFold {
    private CaseFold() {}

    /** The folded form of one code point. */
    public static int fold(int codePoint) {
        return Character.toLowerCase(Character.toUpperCase(codePoint));
    }

    /** {@code text} with every code point folded. */
    public static String fold(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.appendCodePoint(fold(cp)));
        return sb.toString();
    }

    /** Whether {@code haystack} contains {@code needle}, compared folded; an empty needle is always found. */
    public static boolean contains(String haystack, String needle) {
        return fold(haystack).contains(fold(needle));
    }
}
