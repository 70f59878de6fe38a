package org.slotmail.store.record;

/**
 * Where a message's bytes are (segment, offset of the payload, length) and how many message
 * records use them. A count of zero marks the bytes as garbage for segment compaction.
 */
public record BlobRow(long segment, long offset, long length, long refCount) {
    private static final int VERSION = 1;

    public BlobRow withRefs(long delta) {
        return new BlobRow(segment, offset, length, refCount + delta);
    }

    public byte[] encode() {
        return new RowWriter(VERSION)
                .i64(segment)
                .i64(offset)
                .i64(length)
                .i64(refCount)
                .toBytes();
    }

    public static BlobRow decode(byte[] payload) {
        var r = new RowReader(payload, VERSION);
        var row = new BlobRow(r.i64(), r.i64(), r.i64(), r.i64());
        r.end();
        return row;
    }
}
