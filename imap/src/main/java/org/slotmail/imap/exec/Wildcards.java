package org.slotmail.imap.exec;

/**
 * LIST pattern matching (RFC 9051 §6.3.9): "*" matches anything, "%" anything but the hierarchy
 * separator. Dynamic programming over pattern and name, so no pattern can make it exponential.
 */
final class Wildcards {
    private static final int MAX_PATTERN = 2048;

    private Wildcards() {}

    static boolean matches(String pattern, String name) {
        if (pattern.length() > MAX_PATTERN) return false;
        int n = name.length();
        // row[j]: the pattern so far matches name[0, j)
        boolean[] row = new boolean[n + 1];
        row[0] = true;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            boolean[] next = new boolean[n + 1];
            if (c == '*') {
                boolean any = false;
                for (int j = 0; j <= n; j++) {
                    any |= row[j];
                    next[j] = any;
                }
            } else if (c == '%') {
                boolean any = false;
                for (int j = 0; j <= n; j++) {
                    if (j > 0 && name.charAt(j - 1) == '/') any = false;
                    any |= row[j];
                    next[j] = any;
                }
            } else {
                for (int j = 1; j <= n; j++) next[j] = row[j - 1] && name.charAt(j - 1) == c;
            }
            row = next;
        }
        return row[n];
    }
}
