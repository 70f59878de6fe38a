package org.slotmail.store.replica;

import org.slotmail.mailbox.Guid;

/**
 * An expunged UID: the MODSEQ of the expunge (QRESYNC's VANISHED) and the GUID the UID named, so
 * split-brain reconciliation can tell "expunged there" from "a different message there". The GUID
 * is null only for a tombstone whose GUID is unknown (none are written that way any more).
 */
public record Tombstone(long uid, long modSeq, Guid guid) {}
