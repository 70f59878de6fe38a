package org.slotmail.mailbox;

import java.util.Optional;

/** One recipient of a delivery: the account and, for {@code user+folder@domain}, the folder. */
public record Recipient(Account account, Optional<MailboxName> folder) {}
