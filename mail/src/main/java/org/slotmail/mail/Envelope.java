package org.slotmail.mail;

import java.util.List;

/**
 * The IMAP ENVELOPE of a message (RFC 9051 §7.5.2): header values kept as they were written
 * (encoded words stay encoded), address lists parsed. Null where a header is absent.
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
        String messageId) {}
