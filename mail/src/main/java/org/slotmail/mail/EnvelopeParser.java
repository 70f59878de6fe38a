package org.slotmail.mail;

import java.util.List;

/** Builds the IMAP ENVELOPE (RFC 9051 §7.5.2) from a message's header fields. */
final class EnvelopeParser {
    private EnvelopeParser() {}

    /** An envelope with every field absent, for messages whose header could not be read. */
    static final Envelope EMPTY =
            new Envelope(null, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

    static Envelope parse(HeaderBlock header) {
        List<Address> from = addresses(header, "from");
        List<Address> sender = addresses(header, "sender");
        List<Address> replyTo = addresses(header, "reply-to");
        // RFC 9051 §7.5.2: an absent or empty Sender or Reply-To is returned as From.
        return new Envelope(
                header.text("date"),
                header.text("subject"),
                from,
                sender.isEmpty() ? from : sender,
                replyTo.isEmpty() ? from : replyTo,
                addresses(header, "to"),
                addresses(header, "cc"),
                addresses(header, "bcc"),
                header.text("in-reply-to"),
                header.text("message-id"));
    }

    private static List<Address> addresses(HeaderBlock header, String name) {
        return AddressListParser.parse(header.text(name));
    }
}
