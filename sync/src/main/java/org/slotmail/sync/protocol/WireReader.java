package org.slotmail.sync.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;
import org.slotmail.mailbox.Guid;

/**
 * Reads one message's bytes as {@link WireWriter} wrote them. Every read is bounded by what is
 * left, so a count or length from the peer can never make it allocate more than the frame held;
 * anything inconsistent is a {@link ProtocolException}.
 */
final class WireReader {
    private final byte[] buf;
    private int pos;
    private final int limit;

    WireReader(byte[] buf, int off, int len) {
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
    }

    int remaining() {
        return limit - pos;
    }

    int u8() throws ProtocolException {
        need(1);
        return buf[pos++] & 0xff;
    }

    boolean bool() throws ProtocolException {
        int v = u8();
        if (v > 1) throw new ProtocolException("bad boolean " + v);
        return v == 1;
    }

    int i32() throws ProtocolException {
        need(4);
        int v = ((buf[pos] & 0xff) << 24)
                | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    long i64() throws ProtocolException {
        return ((long) i32() << 32) | (i32() & 0xffffffffL);
    }

    /** A count of elements each at least {@code minElementBytes} long: bounded by the bytes left. */
    int count(int minElementBytes) throws ProtocolException {
        int n = i32();
        if (n < 0 || (long) n * Math.max(1, minElementBytes) > remaining()) {
            throw new ProtocolException("element count " + n + " does not fit the message");
        }
        return n;
    }

    byte[] raw(int n) throws ProtocolException {
        need(n);
        byte[] b = new byte[n];
        System.arraycopy(buf, pos, b, 0, n);
        pos += n;
        return b;
    }

    byte[] bytes(int max) throws ProtocolException {
        int n = i32();
        if (n < 0 || n > max) throw new ProtocolException("byte string of " + n + " bytes (at most " + max + ")");
        return raw(n);
    }

    /** Strict UTF-8: malformed bytes are refused, never replaced, so a name cannot change on the way. */
    String str(int maxBytes) throws ProtocolException {
        byte[] b = bytes(maxBytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("malformed UTF-8 in a string");
        }
    }

    UUID uuid() throws ProtocolException {
        return new UUID(i64(), i64());
    }

    Guid guid() throws ProtocolException {
        return Guid.adopt(raw(32));
    }

    Instant instant() throws ProtocolException {
        long seconds = i64();
        int nanos = i32();
        if (nanos < 0 || nanos > 999_999_999) throw new ProtocolException("bad nanoseconds " + nanos);
        try {
            return Instant.ofEpochSecond(seconds, nanos);
        } catch (DateTimeException e) {
            throw new ProtocolException("time out of range");
        }
    }

    void end() throws ProtocolException {
        if (pos != limit) throw new ProtocolException((limit - pos) + " bytes left over after the message");
    }

    private void need(int n) throws ProtocolException {
        if (n < 0 || n > limit - pos) throw new ProtocolException("message truncated");
    }
}
