package org.slotmail.store.blob;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The 48-byte header in front of every blob in a segment: a magic number, the payload length, its
 * SHA-256, and a CRC32C of those. With it a segment can be scanned and checked without the
 * metadata database.
 */
record SegmentEntry(long length, byte[] sha256) {
    static final int HEADER_SIZE = 48;
    private static final int MAGIC = 0x534d4231; // "SMB1"

    ByteBuffer header() {
        var b = ByteBuffer.allocate(HEADER_SIZE);
        b.putInt(MAGIC).putLong(length).put(sha256);
        b.putInt(crc(b.array()));
        return b.flip();
    }

    static SegmentEntry parse(ByteBuffer b) {
        byte[] raw = new byte[HEADER_SIZE];
        b.get(raw);
        var in = ByteBuffer.wrap(raw);
        if (in.getInt() != MAGIC) throw new BlobCorruptedException("bad segment entry magic");
        long length = in.getLong();
        byte[] sha = new byte[32];
        in.get(sha);
        if (in.getInt() != crc(raw)) throw new BlobCorruptedException("segment entry header checksum mismatch");
        return new SegmentEntry(length, sha);
    }

    private static int crc(byte[] header) {
        var crc = new CRC32C();
        crc.update(header, 0, HEADER_SIZE - 4);
        return (int) crc.getValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentEntry e && e.length == length && Arrays.equals(e.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(length) * 31 + Arrays.hashCode(sha256);
    }
}
