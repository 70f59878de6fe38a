package org.slotmail.mail.sort;

import java.util.ArrayList;
import java.util.List;

/**
 * The message ids in a Message-ID, In-Reply-To or References header (RFC 5322 §3.6.4):
 * each {@code <...>}, brackets kept, white space inside removed (some mailers fold long ids),
 * comments skipped. Anything else (phrases in old In-Reply-To values) is ignored.
 */
public final class MessageIds {
    private MessageIds() {}

    /** The ids in order of appearance; empty for null or none. */
    public static List<String> parse(String value) {
        List<String> ids = new ArrayList<>();
        if (value == null) return ids;
        int i = 0;
        int depth = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (c == '"' && depth == 0) {
                int close = value.indexOf('"', i + 1);
                if (close < 0) break;
                i = close;
            } else if (c == '<' && depth == 0) {
                int close = value.indexOf('>', i + 1);
                if (close < 0) break;
                String inner = value.substring(i + 1, close).replaceAll("\\s+", "");
                if (!inner.isEmpty() && inner.indexOf('<') < 0) ids.add("<" + inner + ">");
                i = close;
            }
            i++;
        }
        return ids;
    }

    /** The first id, or null. */
    public static String first(String value) {
        List<String> ids = parse(value);
        return ids.isEmpty() ? null : ids.getFirst();
    }
}
