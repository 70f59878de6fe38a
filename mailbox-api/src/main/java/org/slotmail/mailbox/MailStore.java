package org.slotmail.mailbox;

import java.util.List;

/** All the mail one slot keeps: every account's mailboxes, and delivery into them. */
public interface MailStore extends AutoCloseable {
    /** The account's mail; on first use it is provisioned with INBOX and the special-use folders. */
    AccountMail account(Account account);

    /** Starts receiving a new message's bytes. */
    MessageWriter newMessage();

    /**
     * Delivers one message to several recipients in one durable write, storing its bytes once.
     * A recipient's folder that does not exist falls back to INBOX. Returns one result per
     * recipient, in order.
     */
    List<DeliveryResult> deliver(StagedMessage message, List<Recipient> recipients);

    @Override
    void close();
}
