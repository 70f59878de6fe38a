package org.slotmail.store.record;

import org.slotmail.mailbox.QuotaUsage;

/** An account as this slot stores it: its id and address, and what its mail uses. */
public record AccountRow(long id, String address, long usageBytes, long usageMessages) {
    private static final int VERSION = 1;

    public QuotaUsage usage() {
        return new QuotaUsage(usageBytes, usageMessages);
    }

    public AccountRow plus(long bytes, long messages) {
        return new AccountRow(id, address, usageBytes + bytes, usageMessages + messages);
    }

    public byte[] encode() {
        return new RowWriter(VERSION)
                .i64(id)
                .str(address)
                .i64(usageBytes)
                .i64(usageMessages)
                .toBytes();
    }

    public static AccountRow decode(byte[] payload) {
        var r = new RowReader(payload, VERSION);
        var row = new AccountRow(r.i64(), r.str(), r.i64(), r.i64());
        r.end();
        return row;
    }
}
