package org.slotmail.mail;

import java.util.List;

/**
 * The IMAP ENVELOPE of a message (RFC 9051 §7.5.2): header values kept as they were written
 * (unfolded; encoded words stay encoded), address lists parsed. Strings are null where a header is
 * absent; address lists are empty then (IMAP NIL), and sender and reply-to repeat from when they
 * are absent or empty, as RFC 9051 asks of servers.
 */
public record Envelope(
        String date,
        String subject,
        List<Address> from,
        List<Address> sender,
        List<Address> replyTo,
        List<Address> to,
        List<Address> cc,
        List<Address> bcc,
        String inReplyTo,
        String messageId) {
    public Envelope {
        from = copy(from);
        sender = copy(sender);
        replyTo = copy(replyTo);
        to = copy(to);
        cc = copy(cc);
        bcc = copy(bcc);
    }

    private static List<Address> copy(List<Address> list) {
        return list == null ? null : List.copyOf(list);
    }
}
