package org.slotmail.imap.exec;

import java.io.IOException;
import org.slotmail.imap.syntax.Section;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MessageRecord;

/** Reads one MIME part of a stored message as IMAP names it (RFC 9051 §6.4.5), via the mail module. */
final class PartReader {
    private PartReader() {}

    static byte[] section(Mailbox mailbox, MessageRecord record, Section section) throws IOException {
        throw new MailboxException(MailboxException.Reason.CANNOT, "body parts are not readable yet");
    }

    static byte[] decoded(Mailbox mailbox, MessageRecord record, Section section) throws IOException {
        throw new MailboxException(MailboxException.Reason.CANNOT, "body parts are not readable yet");
    }
}
