package org.slotmail.sync.reconcile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;
import org.slotmail.store.replica.DeletedMailbox;
import org.slotmail.store.replica.MailboxState;

/**
 * Decides, for one account after a split brain, what happens to each mailbox either side holds,
 * matched by mailbox id (names may differ: a rename on one side is not a new mailbox). Creates,
 * renames and deletions on both sides are resolved without losing mail; the master's name wins a
 * rename conflict, and a mailbox deleted on one side survives if the other side gave it mail the
 * deleting side never saw. Pure: the {@code Reconciler} carries the decisions out.
 */
public final class AccountMerge {
    private AccountMerge() {}

    /** What to do with one mailbox. */
    public sealed interface Decision {
        MailboxId id();

        /** Both sides hold it: merge its messages ({@link MailboxMerge}); the master's name stands. */
        record Merge(MailboxId id) implements Decision {}

        /**
         * Only the replica holds it and the master never deleted it (created on the replica side):
         * the master takes it as it is, under {@code name} (the replica's, unless the master uses
         * that name for another mailbox).
         */
        record Adopt(MailboxId id, MailboxName name) implements Decision {}

        /**
         * One side deleted it while the other kept it. Messages the deleting side had (UIDs below
         * its UIDNEXT when it deleted) go; anything newer survives on both sides, under {@code
         * name}. With nothing newer the mailbox is deleted on both.
         */
        record DeletedOnOneSide(MailboxId id, DeletedMailbox deleted, boolean deletedOnMaster, MailboxName name)
                implements Decision {}

        /** Only the master holds it and the replica never deleted it (created on the master side): the replica gets it whole. */
        record Send(MailboxId id) implements Decision {}

        /**
         * Both sides created a mailbox of this name separately and it cannot move aside (INBOX):
         * the replica's messages join the master's mailbox {@code into} under new UIDs, and the
         * replica's mailbox is deleted.
         */
        record MergeInto(MailboxId id, MailboxId into) implements Decision {}
    }

    /** The decisions for every mailbox of the account, master's mailboxes first. */
    public static List<Decision> decide(
            List<MailboxState> master,
            List<MailboxState> replica,
            List<DeletedMailbox> deletedOnMaster,
            List<DeletedMailbox> deletedOnReplica) {
        Map<MailboxId, MailboxState> m = byId(master), r = byId(replica);
        Map<MailboxId, DeletedMailbox> dm = deletedById(deletedOnMaster), dr = deletedById(deletedOnReplica);
        // Names in use once the decisions are carried out: the master's, then whatever is adopted.
        Set<MailboxName> taken = new HashSet<>();
        Map<MailboxName, MailboxId> masterNames = new HashMap<>();
        for (MailboxState s : master) {
            taken.add(s.name());
            masterNames.put(s.name(), s.id());
        }
        var out = new ArrayList<Decision>();
        for (MailboxState s : master) {
            if (r.containsKey(s.id())) out.add(new Decision.Merge(s.id()));
            else if (dr.containsKey(s.id()))
                out.add(new Decision.DeletedOnOneSide(s.id(), dr.get(s.id()), false, s.name()));
            else out.add(new Decision.Send(s.id()));
        }
        for (MailboxState s : replica) {
            if (m.containsKey(s.id())) continue;
            MailboxName name = s.name();
            MailboxId holder = masterNames.get(name);
            if (holder != null && name.isInbox()) {
                out.add(new Decision.MergeInto(s.id(), holder));
                continue;
            }
            name = free(name, taken);
            taken.add(name);
            if (dm.containsKey(s.id())) out.add(new Decision.DeletedOnOneSide(s.id(), dm.get(s.id()), true, name));
            else out.add(new Decision.Adopt(s.id(), name));
        }
        return out;
    }

    /** {@code name}, or the first of "name (2)", "name (3)", … that nobody uses. */
    static MailboxName free(MailboxName name, Set<MailboxName> taken) {
        if (!taken.contains(name)) return name;
        for (int n = 2; ; n++) {
            var candidate = new MailboxName(name.value() + " (" + n + ")");
            if (!taken.contains(candidate)) return candidate;
        }
    }

    private static Map<MailboxId, MailboxState> byId(List<MailboxState> states) {
        var out = new HashMap<MailboxId, MailboxState>();
        for (MailboxState s : states) out.put(s.id(), s);
        return out;
    }

    private static Map<MailboxId, DeletedMailbox> deletedById(List<DeletedMailbox> deleted) {
        var out = new HashMap<MailboxId, DeletedMailbox>();
        for (DeletedMailbox d : deleted) out.put(d.id(), d);
        return out;
    }
}
