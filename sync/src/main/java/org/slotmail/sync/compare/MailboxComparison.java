package org.slotmail.sync.compare;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slotmail.mailbox.MailboxId;
import org.slotmail.store.replica.MailboxState;

/** Decides, from two states alone, what a replica needs for each mailbox of a batch (Cyrus's sync_client rules). */
public final class MailboxComparison {
    private MailboxComparison() {}

    /** One decision per id, in the order given; a state missing from a map means that side lacks the mailbox. */
    public static Map<MailboxId, MailboxDecision> decideAll(
            Collection<MailboxId> ids, Map<MailboxId, MailboxState> master, Map<MailboxId, MailboxState> replica) {
        var decisions = new LinkedHashMap<MailboxId, MailboxDecision>();
        for (MailboxId id : ids) {
            decisions.put(id, decide(id, Optional.ofNullable(master.get(id)), Optional.ofNullable(replica.get(id))));
        }
        return decisions;
    }

    public static MailboxDecision decide(MailboxId id, Optional<MailboxState> master, Optional<MailboxState> replica) {
        if (master.isEmpty()) {
            return replica.isEmpty() ? new MailboxDecision.Absent(id) : new MailboxDecision.Delete(id);
        }
        if (replica.isEmpty()) return new MailboxDecision.Create(id);
        MailboxState m = master.get();
        MailboxState r = replica.get();
        if (m.equals(r)) return new MailboxDecision.InSync(id);
        if (m.uidValidity() != r.uidValidity()) {
            // The replica's UIDs mean other messages: nothing short of the master's whole state will do.
            return new MailboxDecision.FullCompare(
                    id, "UIDVALIDITY " + r.uidValidity() + " on the replica, " + m.uidValidity() + " on the master");
        }
        if (r.highestModSeq() > m.highestModSeq()) {
            return new MailboxDecision.Diverged(
                    id,
                    "the replica's HIGHESTMODSEQ " + r.highestModSeq() + " is above the master's " + m.highestModSeq()
                            + ": it has changes the master lacks");
        }
        if (r.uidNext() > m.uidNext()) {
            return new MailboxDecision.Diverged(
                    id,
                    "the replica's UIDNEXT " + r.uidNext() + " is above the master's " + m.uidNext()
                            + ": it gave out UIDs the master never did");
        }
        if (r.highestModSeq() < m.highestModSeq()) return new MailboxDecision.SendChanges(id, r.highestModSeq());
        // Same HIGHESTMODSEQ: nothing changed since, so the records must already agree. A rename,
        // a special-use change or UIDNEXT is mended by sending the target alone; differing records
        // (an interrupted update, damage) need every record compared.
        if (m.syncCrc() != r.syncCrc() || m.messages() != r.messages()) {
            return new MailboxDecision.FullCompare(id, "same HIGHESTMODSEQ but sync CRC or message count differ");
        }
        return new MailboxDecision.SendChanges(id, r.highestModSeq());
    }
}
