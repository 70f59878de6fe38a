package org.slotmail.sync.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.slotmail.mailbox.Guid;

/** Builds one message's bytes: big-endian integers, length-prefixed strings and byte strings. */
final class WireWriter {
    private byte[] buf = new byte[256];
    private int count;

    WireWriter u8(int v) {
        ensure(1);
        buf[count++] = (byte) v;
        return this;
    }

    WireWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    WireWriter i32(int v) {
        ensure(4);
        buf[count++] = (byte) (v >>> 24);
        buf[count++] = (byte) (v >>> 16);
        buf[count++] = (byte) (v >>> 8);
        buf[count++] = (byte) v;
        return this;
    }

    WireWriter i64(long v) {
        return i32((int) (v >>> 32)).i32((int) v);
    }

    /** A count of the elements that follow. */
    WireWriter count(int n) {
        return i32(n);
    }

    WireWriter raw(byte[] bytes) {
        return raw(bytes, 0, bytes.length);
    }

    WireWriter raw(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, count, len);
        count += len;
        return this;
    }

    WireWriter bytes(byte[] bytes) {
        return i32(bytes.length).raw(bytes);
    }

    WireWriter str(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    WireWriter uuid(UUID u) {
        return i64(u.getMostSignificantBits()).i64(u.getLeastSignificantBits());
    }

    WireWriter guid(Guid g) {
        return raw(g.bytes());
    }

    WireWriter instant(Instant t) {
        return i64(t.getEpochSecond()).i32(t.getNano());
    }

    int size() {
        return count;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buf, count);
    }

    private void ensure(int more) {
        if (more > buf.length - count) {
            long wanted = Math.max((long) buf.length * 2, (long) count + more);
            if (wanted > Integer.MAX_VALUE - 16) throw new IllegalStateException("message too large to encode");
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }
}
