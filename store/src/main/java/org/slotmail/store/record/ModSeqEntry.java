package org.slotmail.store.record;

import org.slotmail.mailbox.Guid;

/**
 * The value of a MODSEQ-index entry: one byte saying live or expunged; a tombstone (expunged)
 * carries the GUID its UID named after that byte, so split-brain reconciliation can tell
 * "expunged there" from "a different message there". A one-byte tombstone (the first format) is
 * still read, as one whose GUID is unknown.
 */
public final class ModSeqEntry {
    private static final byte LIVE = 0;
    private static final byte EXPUNGED = 1;
    private static final byte[] LIVE_VALUE = {LIVE};

    private ModSeqEntry() {}

    public static byte[] live() {
        return LIVE_VALUE.clone();
    }

    /** A tombstone; {@code guid} may be null when it is not known. */
    public static byte[] expunged(Guid guid) {
        if (guid == null) return new byte[] {EXPUNGED};
        byte[] out = new byte[33];
        out[0] = EXPUNGED;
        System.arraycopy(guid.bytes(), 0, out, 1, 32);
        return out;
    }

    public static boolean isExpunged(byte[] payload) {
        check(payload);
        return payload[0] == EXPUNGED;
    }

    /** The GUID a tombstone carries, or null (a live entry, or a tombstone of the one-byte form). */
    public static Guid guidOf(byte[] payload) {
        check(payload);
        if (payload[0] != EXPUNGED || payload.length == 1) return null;
        return Guid.of(java.util.Arrays.copyOfRange(payload, 1, 33));
    }

    /** Throws {@link RecordCorruptedException} unless the payload is one of the forms above. */
    public static void check(byte[] payload) {
        boolean ok = payload.length == 1 && (payload[0] == LIVE || payload[0] == EXPUNGED)
                || payload.length == 33 && payload[0] == EXPUNGED;
        if (!ok) throw new RecordCorruptedException("bad MODSEQ index entry");
    }
}
