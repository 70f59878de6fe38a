package org.slotmail.mail.sort;

import java.util.Comparator;
import java.util.List;
import org.slotmail.mail.Address;
import org.slotmail.mail.EncodedWords;
import org.slotmail.mail.Envelope;

/**
 * The address sort keys of IMAP SORT, taken from a message's cached envelope: FROM, TO and CC
 * (RFC 5256 §3: the mailbox, i.e. local part, of the first address) and DISPLAYFROM and
 * DISPLAYTO (RFC 5957 §3: the decoded display name, or the address when there is none). A
 * missing address sorts as the empty string. Compare the keys with {@link #ASCII_CASEMAP}, SORT's
 * default collation (RFC 5256 §2.1 refers to i;ascii-casemap).
 */
public final class SortKeys {
    /** i;ascii-casemap (RFC 4790 §9.2): ASCII letters compare without case, everything else by code. */
    public static final Comparator<String> ASCII_CASEMAP = Comparator.comparing(SortKeys::asciiLower);

    private SortKeys() {}

    private static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
        }
        return sb.toString();
    }

    /** SORT FROM. */
    public static String from(Envelope envelope) {
        return mailbox(envelope.from());
    }

    /** SORT TO. */
    public static String to(Envelope envelope) {
        return mailbox(envelope.to());
    }

    /** SORT CC. */
    public static String cc(Envelope envelope) {
        return mailbox(envelope.cc());
    }

    /** SORT DISPLAYFROM. */
    public static String displayFrom(Envelope envelope) {
        return display(envelope.from());
    }

    /** SORT DISPLAYTO. */
    public static String displayTo(Envelope envelope) {
        return display(envelope.to());
    }

    /** SORT SUBJECT: the base subject; compare {@link BaseSubject#key()}. */
    public static BaseSubject subject(Envelope envelope) {
        return BaseSubject.of(envelope.subject());
    }

    private static Address first(List<Address> addresses) {
        if (addresses == null) return null;
        for (Address a : addresses) {
            if (a.host() != null) return a; // skip group markers
        }
        return null;
    }

    private static String mailbox(List<Address> addresses) {
        Address a = first(addresses);
        return a == null || a.mailbox() == null ? "" : a.mailbox();
    }

    private static String display(List<Address> addresses) {
        if (addresses == null || addresses.isEmpty()) return "";
        Address start = addresses.getFirst();
        // RFC 5957 §3 uses a group's name when the list starts with a group.
        if (start.host() == null && start.mailbox() != null)
            return EncodedWords.decode(start.mailbox()).trim();
        Address a = first(addresses);
        if (a == null) return "";
        if (a.name() != null && !a.name().isBlank())
            return EncodedWords.decode(a.name()).trim();
        String mailbox = a.mailbox() == null ? "" : a.mailbox();
        return a.host() == null || a.host().isEmpty() ? mailbox : mailbox + "@" + a.host();
    }
}
