package org.slotmail.mailbox;

/**
 * Told after a change to a mailbox became durable. Called on the store's commit thread: it must
 * return at once (wake a session, never do I/O).
 */
@FunctionalInterface
public interface MailboxListener {
    void changed(MailboxId mailbox);
}
