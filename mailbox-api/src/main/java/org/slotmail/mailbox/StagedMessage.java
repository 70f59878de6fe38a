package org.slotmail.mailbox;

import org.slotmail.mail.MessageSummary;

/**
 * A complete message received and checked but not yet in any mailbox: its GUID, size, and the
 * envelope and body structure parsed once. Closing it discards what no mailbox took.
 */
public interface StagedMessage extends AutoCloseable {
    Guid guid();

    long size();

    MessageSummary summary();

    @Override
    void close();
}
