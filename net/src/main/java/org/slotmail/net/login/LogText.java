package org.slotmail.net.login;

/**
 * Client-supplied text (a login name, a mailbox name) made safe to put in a log line: CR, LF, other
 * control characters, Unicode line separators and invisible format characters (bidi overrides) are
 * escaped, quotes and backslashes too (key-value output quotes values), and the length is capped.
 * Without this a client could end a log line early and forge the next one (log injection, CWE-117).
 */
public final class LogText {
    /** Longer text is cut; a login name is at most 254 characters (RFC 5321 §4.5.3.1.3 paths). */
    static final int MAX_LENGTH = 256;

    private LogText() {}

    /** The text with every risky character escaped as {@code \r}, {@code \n}, {@code \t} or {@code \}{@code uXXXX}. */
    public static String escape(String text) {
        if (text == null) return "(none)";
        var sb = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 8);
        int shown = 0;
        for (int i = 0; i < text.length(); ) {
            if (shown == MAX_LENGTH) {
                sb.append("...(").append(text.length()).append(" chars)");
                break;
            }
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            shown++;
            switch (cp) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (risky(cp)) sb.append(String.format("\\u%04x", cp));
                    else sb.appendCodePoint(cp);
                }
            }
        }
        return sb.toString();
    }

    private static boolean risky(int cp) {
        if (Character.isISOControl(cp)) return true; // C0, DEL and C1 (NEL, 0x85, ends lines too)
        int type = Character.getType(cp);
        return type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT // bidi overrides, zero-width characters
                || type == Character.SURROGATE // a lone half of a pair
                || type == Character.UNASSIGNED;
    }
}
