package org.slotmail.sync.compare;

import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.replica.ApplyResult;
import org.slotmail.store.replica.MailboxState;

/** Reads what a replica answered to one mailbox update against what the master sent. */
public sealed interface ApplyCheck {
    /** The replica now holds exactly the target state. */
    record Confirmed() implements ApplyCheck {}

    /** Applied, but the replica's state afterwards is not the target: compare every record. */
    record Mismatch(String why) implements ApplyCheck {}

    /** Not applied: the name belongs to another mailbox there; bring that one up to date first. */
    record NameTaken(MailboxId holder) implements ApplyCheck {}

    /** Not applied, said why. */
    record Failed(String reason) implements ApplyCheck {}

    static ApplyCheck of(MailboxState target, ApplyResult result) {
        return switch (result) {
            case ApplyResult.Applied(MailboxState after)
            when after == null -> new Failed("the replica applied the update but reported no state");
            case ApplyResult.Applied(MailboxState after)
            when after.syncCrc() != target.syncCrc() ->
                new Mismatch("sync CRC " + Integer.toHexString(after.syncCrc()) + " on the replica, "
                        + Integer.toHexString(target.syncCrc()) + " on the master");
            case ApplyResult.Applied(MailboxState after)
            when !after.equals(target) ->
                new Mismatch(
                        "the replica's state after the update differs from the master's: " + after + " vs " + target);
            case ApplyResult.Applied _ -> new Confirmed();
            case ApplyResult.NameTaken(var _, MailboxId holder) -> new NameTaken(holder);
            case ApplyResult.Failed(String reason) -> new Failed(reason);
        };
    }
}
