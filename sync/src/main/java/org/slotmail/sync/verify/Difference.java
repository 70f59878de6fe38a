package org.slotmail.sync.verify;

import org.slotmail.mailbox.Guid;
import org.slotmail.mailbox.MailboxId;

/** One way a replica differs from its master, said so an operator can act on it. */
public sealed interface Difference {
    String describe();

    record AccountDiffers(long accountId, String detail) implements Difference {
        public String describe() {
            return "account " + accountId + ": " + detail;
        }
    }

    record MailboxMissing(long accountId, MailboxId id, String name) implements Difference {
        public String describe() {
            return "account " + accountId + ": mailbox " + name + " (" + id + ") is missing on the replica";
        }
    }

    record MailboxExtra(long accountId, MailboxId id, String name) implements Difference {
        public String describe() {
            return "account " + accountId + ": mailbox " + name + " (" + id + ") exists only on the replica";
        }
    }

    record MailboxDiffers(long accountId, MailboxId id, String name, String detail) implements Difference {
        public String describe() {
            return "account " + accountId + ": mailbox " + name + ": " + detail;
        }
    }

    record BlobDamaged(Guid guid, String where, String detail) implements Difference {
        public String describe() {
            return "message bytes " + guid + " on the " + where + ": " + detail;
        }
    }
}
