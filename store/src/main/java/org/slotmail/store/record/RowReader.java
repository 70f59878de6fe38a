package org.slotmail.store.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Reads a row written by {@link RowWriter}; any inconsistency is a corrupted record. */
final class RowReader {
    private final ByteBuffer in;

    RowReader(byte[] payload, int expectedVersion) {
        this(payload, payload.length, expectedVersion);
    }

    /** Reads the first {@code length} bytes of {@code buffer}. */
    RowReader(byte[] buffer, int length, int expectedVersion) {
        this.in = ByteBuffer.wrap(buffer, 0, length);
        int version = u8();
        if (version != expectedVersion) throw new RecordCorruptedException("unknown row version " + version);
    }

    int u8() {
        try {
            return in.get() & 0xff;
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    int i32() {
        try {
            return in.getInt();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    long i64() {
        try {
            return in.getLong();
        } catch (BufferUnderflowException e) {
            throw truncated();
        }
    }

    byte[] raw(int n) {
        if (n < 0 || n > in.remaining()) throw truncated();
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    byte[] blob() {
        return raw(i32());
    }

    String str() {
        return new String(blob(), StandardCharsets.UTF_8);
    }

    void end() {
        if (in.hasRemaining()) throw new RecordCorruptedException("trailing bytes in row");
    }

    private static RecordCorruptedException truncated() {
        return new RecordCorruptedException("truncated row");
    }
}
