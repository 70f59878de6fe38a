package org.slotmail.lmtp.syntax;

import java.util.Locale;

/**
 * A mailbox address from a path (RFC 5321 §4.1.2): the local part without quoting, and the domain
 * (empty only for the special recipient {@code <Postmaster>}, RFC 5321 §4.1.1.3).
 */
public record Address(String localPart, String domain) {
    /** The address with the domain lower-cased; the local part is left as sent. */
    public String text() {
        String local = PathParser.isDotString(localPart) ? localPart : quote(localPart);
        return domain.isEmpty() ? local : local + "@" + domain.toLowerCase(Locale.ROOT);
    }

    private static String quote(String local) {
        var sb = new StringBuilder(local.length() + 2).append('"');
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c == '"' || c == '\\') sb.append('\\');
            sb.append(c);
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return "<" + text() + ">";
    }
}
