package org.slotmail.cluster.accounts;

import java.time.Instant;
import org.slotmail.mailbox.Account;

/** An account as the admin sees it: what slots see, plus when it was created. */
public record AccountInfo(Account account, Instant created) {}
