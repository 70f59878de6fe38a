package org.slotmail.store.replica;

import org.slotmail.mailbox.MailboxId;
import org.slotmail.mailbox.MailboxName;

/**
 * A mailbox tombstone: a deleted mailbox as it was when deleted. Split-brain reconciliation uses
 * it to tell "deleted on this side" (UIDNEXT then) from "created on the other side".
 */
public record DeletedMailbox(
        MailboxId id, long accountId, MailboxName name, long uidValidity, long uidNext, long highestModSeq) {}
