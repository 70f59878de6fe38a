package org.slotmail.mailbox;

/** What happened to one recipient of a delivery. */
public sealed interface DeliveryResult {
    /** The message is durable in this mailbox under this UID. */
    record Delivered(MailboxName mailbox, long uid) implements DeliveryResult {}

    /** The message was not delivered to this recipient. */
    record Rejected(MailboxException.Reason reason, String message) implements DeliveryResult {}
}
