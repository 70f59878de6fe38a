package org.slotmail.store.record;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The envelope of every stored value: the payload followed by a CRC32C of key and payload. The
 * key is included so that a value found under the wrong key is caught too.
 */
public final class Frame {
    private Frame() {}

    public static byte[] seal(byte[] key, byte[] payload) {
        var out = ByteBuffer.allocate(payload.length + 4);
        out.put(payload).putInt(crc(key, payload, payload.length));
        return out.array();
    }

    /** The payload of a sealed value; throws {@link RecordCorruptedException} if it does not check. */
    public static byte[] open(byte[] key, byte[] value) {
        return java.util.Arrays.copyOf(value, payloadLength(key, value));
    }

    /**
     * Checks a sealed value in place and returns the length of its payload, which starts at
     * offset 0: for readers that decode the value directly instead of copying the payload out.
     */
    public static int payloadLength(byte[] key, byte[] value) {
        if (value.length < 4) throw new RecordCorruptedException("value shorter than its checksum");
        int n = value.length - 4;
        int stored = ByteBuffer.wrap(value, n, 4).getInt();
        if (stored != crc(key, value, n)) throw new RecordCorruptedException("record checksum mismatch");
        return n;
    }

    private static int crc(byte[] key, byte[] payload, int length) {
        var crc = new CRC32C();
        crc.update(key);
        crc.update(payload, 0, length);
        return (int) crc.getValue();
    }
}
