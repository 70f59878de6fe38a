package org.slotmail.imap.exec;

import java.time.LocalDate;
import org.slotmail.mailbox.Mailbox;
import org.slotmail.mailbox.MailboxException;
import org.slotmail.mailbox.MessageRecord;

/** The text of one message as SEARCH compares it: decoded headers and body text (via the mail module). */
final class TextSearch {
    private TextSearch() {}

    /** One message's searchable text. */
    interface Message {
        boolean headerContains(String field, String value);

        boolean bodyContains(String text);

        boolean textContains(String text);

        LocalDate sentDate();
    }

    static Message load(Mailbox mailbox, MessageRecord record) {
        throw new MailboxException(MailboxException.Reason.CANNOT, "text search is not available yet");
    }
}
