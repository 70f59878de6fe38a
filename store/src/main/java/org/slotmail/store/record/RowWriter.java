package org.slotmail.store.record;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes a row's fields in order; rows start with a format version byte. */
final class RowWriter {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    private final DataOutputStream out = new DataOutputStream(bytes);

    RowWriter(int version) {
        u8(version);
    }

    RowWriter u8(int v) {
        return io(() -> out.writeByte(v));
    }

    RowWriter i32(int v) {
        return io(() -> out.writeInt(v));
    }

    RowWriter i64(long v) {
        return io(() -> out.writeLong(v));
    }

    RowWriter raw(byte[] v) {
        return io(() -> out.write(v));
    }

    RowWriter blob(byte[] v) {
        return io(() -> {
            out.writeInt(v.length);
            out.write(v);
        });
    }

    RowWriter str(String v) {
        return blob(v.getBytes(StandardCharsets.UTF_8));
    }

    byte[] toBytes() {
        return bytes.toByteArray();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private RowWriter io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
        return this;
    }
}
