package org.slotmail.store.kv;

/**
 * The column families of a slot's metadata database. Key layouts are described in
 * {@code org.slotmail.store.record.Keys}; every value carries its own CRC32C.
 */
public enum Table {
    /** account id → account row (address, quota usage). */
    ACCOUNTS,
    /** address → account id. */
    ACCOUNT_NAMES,
    /** mailbox id → mailbox row (name, UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, counts, sync CRC). */
    MAILBOXES,
    /** account id + name → mailbox id. */
    MAILBOX_NAMES,
    /** mailbox id + UID → message record. */
    MESSAGES,
    /** mailbox id + UID → envelope and body structure parsed at delivery. */
    SUMMARIES,
    /**
     * mailbox id + MODSEQ + UID → live, or expunged with the GUID the UID named (a tombstone):
     * answers CHANGEDSINCE and VANISHED. See {@code org.slotmail.store.record.ModSeqEntry}.
     */
    MODSEQ,
    /** GUID → where the bytes are and how many records point at them. */
    BLOBS,
    /** account id + name → subscription. */
    SUBSCRIPTIONS,
    /** channel name + sequence → "this mailbox or account changed", one queue per replica. */
    CHANNELS,
    /** slot-wide counters. */
    META,
    /**
     * GUID → the bytes of a small message, written in the same synced batch as its first record
     * so one sync makes both durable; removed once its segment is synced. See SlotStore.
     */
    JOURNAL,
    /** account id + mailbox id → a deleted mailbox as it was (split-brain reconciliation reads it). */
    DELETED_MAILBOXES,
    /** channel name + NUL + mailbox or account → a change set aside because replicating it kept failing. */
    PARKED_CHANGES;

    String familyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
