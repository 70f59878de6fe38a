package org.slotmail.mailbox;

import java.util.List;

/**
 * A mailbox name as stored: Unicode, '/' as hierarchy separator, INBOX always spelled "INBOX".
 * Protocol layers convert their own encodings (modified UTF-7 for IMAP4rev1) before they get
 * here; what cannot be a safe name is refused at construction.
 */
public record MailboxName(String value) implements Comparable<MailboxName> {
    public static final char SEPARATOR = '/';
    public static final int MAX_LENGTH = 1024;
    public static final MailboxName INBOX = new MailboxName("INBOX");

    public MailboxName {
        value = normalize(value);
    }

    private static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) throw invalid(raw, "empty name");
        if (raw.length() > MAX_LENGTH) throw invalid(raw, "name too long");
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            // C0, DEL and C1 controls (RFC 9051 §5.1 and RFC 5198 §2 rule them out), and the
            // Unicode line and paragraph separators: none may hide a line break in a name.
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                throw invalid(raw, "control character in name");
            }
            if (c == '*' || c == '%') throw invalid(raw, "wildcard character in name");
            // An unpaired surrogate is not text: stored as UTF-8 it would become '?', giving a
            // second spelling of another name.
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(raw, "unpaired surrogate in name");
            }
        }
        if (raw.startsWith("/") || raw.endsWith("/") || raw.contains("//")) {
            throw invalid(raw, "empty hierarchy level");
        }
        for (String part : raw.split("/", -1)) {
            if (part.equals(".") || part.equals("..")) throw invalid(raw, "'.' or '..' as a level");
            if (!part.equals(part.strip())) throw invalid(raw, "level starts or ends with a space");
        }
        // RFC 9051 §5.1: INBOX is case-insensitive, also as the first level of a hierarchy.
        int slash = raw.indexOf(SEPARATOR);
        String first = slash < 0 ? raw : raw.substring(0, slash);
        if (first.equalsIgnoreCase("INBOX")) raw = "INBOX" + raw.substring(first.length());
        return raw;
    }

    private static MailboxException invalid(String raw, String why) {
        return new MailboxException(MailboxException.Reason.INVALID_NAME, "invalid mailbox name: " + why);
    }

    public boolean isInbox() {
        return value.equals("INBOX");
    }

    /** Whether this mailbox is a descendant of {@code parent} (not the parent itself). */
    public boolean isBelow(MailboxName parent) {
        return value.length() > parent.value.length()
                && value.startsWith(parent.value)
                && value.charAt(parent.value.length()) == SEPARATOR;
    }

    /** This name with the prefix {@code from} replaced by {@code to}; for renaming children. */
    public MailboxName reparent(MailboxName from, MailboxName to) {
        if (equals(from)) return to;
        if (!isBelow(from)) throw new IllegalArgumentException(this + " is not below " + from);
        return new MailboxName(to.value + value.substring(from.value.length()));
    }

    /** The names of every ancestor, outermost first ("a/b/c" gives "a", "a/b"). */
    public List<MailboxName> ancestors() {
        var result = new java.util.ArrayList<MailboxName>();
        for (int i = value.indexOf(SEPARATOR); i >= 0; i = value.indexOf(SEPARATOR, i + 1)) {
            result.add(new MailboxName(value.substring(0, i)));
        }
        return result;
    }

    @Override
    public int compareTo(MailboxName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
