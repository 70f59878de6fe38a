package org.slotmail.mailbox;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One account's mailboxes, subscriptions and quota. Mailbox names are this account's only. */
public interface AccountMail {
    Account account();

    /** Every mailbox, by name. */
    List<MailboxInfo> list();

    Optional<MailboxInfo> find(MailboxName name);

    /** Opens a mailbox; NONEXISTENT when there is none by that name. */
    Mailbox open(MailboxName name);

    /** Creates a mailbox (and missing parents, RFC 9051 §6.3.4). */
    MailboxInfo create(MailboxName name, Set<SpecialUse> specialUse);

    /**
     * Renames a mailbox and its children, keeping their ids. Renaming INBOX moves its messages to
     * the new mailbox and leaves INBOX empty (RFC 9051 §6.3.6).
     */
    void rename(MailboxName from, MailboxName to);

    /** Deletes a mailbox and its messages; children stay (RFC 9051 §6.3.5). INBOX cannot be deleted. */
    void delete(MailboxName name);

    void subscribe(MailboxName name);

    void unsubscribe(MailboxName name);

    Set<MailboxName> subscriptions();

    QuotaUsage quotaUsage();
}
