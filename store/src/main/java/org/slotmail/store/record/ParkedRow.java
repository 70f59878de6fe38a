package org.slotmail.store.record;

/** A channel change set aside as stored: the change, the last failure, when it was parked, how often it failed. */
public record ParkedRow(ChangeEntry change, String reason, long parkedAtMillis, int attempts) {
    private static final int VERSION = 1;

    public byte[] encode() {
        return new RowWriter(VERSION)
                .blob(change.encode())
                .str(reason)
                .i64(parkedAtMillis)
                .i32(attempts)
                .toBytes();
    }

    public static ParkedRow decode(byte[] payload) {
        var r = new RowReader(payload, VERSION);
        var row = new ParkedRow(ChangeEntry.decode(r.blob()), r.str(), r.i64(), r.i32());
        r.end();
        return row;
    }
}
