package org.slotmail.imap.response;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slotmail.net.LineWriter;

/**
 * Writes IMAP responses (RFC 9051 §7) into the connection's batch writer, piece by piece, so a
 * large FETCH streams out as it is produced: a literal from an {@link InputStream} passes through a
 * small buffer and the socket's own backpressure, never a whole message in memory. Strings are
 * sent quoted when they can be and as literals otherwise; UTF-8 is quoted only once the client has
 * enabled IMAP4rev2 or UTF8=ACCEPT.
 */
public final class ResponseWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private final LineWriter out;
    private final byte[] scratch = new byte[512];
    private final byte[] line = new byte[1024];
    private int pending;
    private boolean utf8Quoted;
    private boolean holding;

    public ResponseWriter(LineWriter out) {
        this.out = out;
    }

    /** Allows UTF-8 inside quoted strings (IMAP4rev2 §4.3, RFC 6855). */
    public void utf8Quoted(boolean allowed) {
        this.utf8Quoted = allowed;
    }

    // ---- whole responses ----

    /** {@code tag status [code] text} and CRLF. */
    public void tagged(String tag, String status, String code, String text) throws IOException {
        raw(tag).raw(" ").raw(status).raw(" ");
        if (code != null) raw("[").raw(code).raw("] ");
        text(text).end();
    }

    /** {@code * text} and CRLF; the text must be ASCII. */
    public void untagged(String text) throws IOException {
        raw("* ").text(text).end();
    }

    /** {@code + text} and CRLF, flushed: the client is waiting for it. */
    public void continuation(String text) throws IOException {
        raw("+ ").text(text).end();
        flush();
    }

    public void flush() throws IOException {
        push();
        out.flush();
    }

    /**
     * Keeps ended lines in the line buffer until it is full, for a command that writes many lines
     * and reads no input meanwhile (FETCH): the connection's writer is then called once a
     * kilobyte instead of once a line. {@link #release()} hands over what is held; it must come
     * before anything waits for input, since waiting flushes only the connection's writer.
     */
    public void hold() {
        holding = true;
    }

    /** Ends {@link #hold()}: what is held goes to the connection's writer. */
    public void release() throws IOException {
        holding = false;
        push();
    }

    /**
     * Appends to the line being built. A response line is handed to the connection's writer in
     * one call when it ends, not piece by piece: a FETCH of 100,000 flag lines is 100,000 calls
     * instead of a million.
     */
    private void put(byte[] b, int off, int n) throws IOException {
        if (n > line.length - pending) {
            push();
            if (n > line.length) {
                out.write(b, off, n);
                return;
            }
        }
        System.arraycopy(b, off, line, pending, n);
        pending += n;
    }

    /** One byte: spaces and parentheses are most of what ENVELOPE and BODYSTRUCTURE write. */
    private ResponseWriter put(byte b) throws IOException {
        if (pending == line.length) push();
        line[pending++] = b;
        return this;
    }

    private void push() throws IOException {
        if (pending > 0) {
            out.write(line, 0, pending);
            pending = 0;
        }
    }

    // ---- pieces ----

    /** ASCII protocol text, written as is. */
    public ResponseWriter raw(String ascii) throws IOException {
        int n = ascii.length();
        if (n > scratch.length) {
            byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
            put(bytes, 0, bytes.length);
            return this;
        }
        // Responses are written in many small pieces: straight into the line when it has room,
        // else through one reused buffer; no garbage either way.
        byte[] into = n <= line.length - pending ? line : scratch;
        int at = into == line ? pending : 0;
        for (int i = 0; i < n; i++) {
            char c = ascii.charAt(i);
            into[at + i] = c < 0x80 ? (byte) c : (byte) '?';
        }
        if (into == line) pending += n;
        else put(scratch, 0, n);
        return this;
    }

    /** Human-readable text: CR and LF could forge lines, non-ASCII is not allowed there. */
    public ResponseWriter text(String text) throws IOException {
        var sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        return raw(sb.toString());
    }

    public ResponseWriter sp() throws IOException {
        return put((byte) ' ');
    }

    public ResponseWriter number(long n) throws IOException {
        if (n < 0) return raw(Long.toString(n));
        if (n < 10) return put((byte) ('0' + n));
        int pos = scratch.length;
        do {
            scratch[--pos] = (byte) ('0' + n % 10);
            n /= 10;
        } while (n > 0);
        put(scratch, pos, scratch.length - pos);
        return this;
    }

    public ResponseWriter nil() throws IOException {
        return raw("NIL");
    }

    public ResponseWriter open() throws IOException {
        return put((byte) '(');
    }

    public ResponseWriter close() throws IOException {
        return put((byte) ')');
    }

    public ResponseWriter end() throws IOException {
        put(CRLF, 0, CRLF.length);
        if (!holding) push();
        return this;
    }

    /** A string: quoted when short and plain, a literal otherwise; null gives NIL. */
    public ResponseWriter nstring(String s) throws IOException {
        return s == null ? nil() : string(s);
    }

    public ResponseWriter string(String s) throws IOException {
        int n = s.length();
        if (n * 2 + 2 <= scratch.length) {
            // The common case, short ASCII text, is quoted straight into the reused buffer.
            int k = 0;
            scratch[k++] = '"';
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80 || c == '\r' || c == '\n' || c == 0) {
                    k = -1;
                    break;
                }
                if (c == '"' || c == '\\') scratch[k++] = '\\';
                scratch[k++] = (byte) c;
            }
            if (k >= 0) {
                scratch[k++] = '"';
                put(scratch, 0, k);
                return this;
            }
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 1024 && quotable(bytes)) {
            byte[] quoted = new byte[bytes.length * 2 + 2];
            int q = 0;
            quoted[q++] = '"';
            for (byte b : bytes) {
                if (b == '"' || b == '\\') quoted[q++] = '\\';
                quoted[q++] = b;
            }
            quoted[q++] = '"';
            put(quoted, 0, q);
            return this;
        }
        return literal(bytes);
    }

    /** An astring: an atom when the text is one, else a string (mailbox names, flags). */
    public ResponseWriter astring(String s) throws IOException {
        if (!s.isEmpty() && isAtom(s) && !s.equalsIgnoreCase("NIL")) return raw(s);
        return string(s);
    }

    private boolean quotable(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\r' || b == '\n' || b == 0) return false;
            if (b < 0 && !utf8Quoted) return false;
        }
        return true;
    }

    private static boolean isAtom(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) return false;
        }
        return true;
    }

    public ResponseWriter literal(byte[] bytes) throws IOException {
        return literal(bytes, 0, bytes.length, false);
    }

    /** {@code {n}} CRLF and the bytes; {@code ~{n}} for BINARY data that contains NUL (RFC 3516 §4.2). */
    public ResponseWriter literal(byte[] bytes, int off, int len, boolean binary) throws IOException {
        raw(binary ? "~{" : "{").number(len).raw("}").end();
        put(bytes, off, len);
        return this;
    }

    /** The {@code {n}} (or {@code ~{n}}) line that announces a literal the caller then writes to {@link #octets()}. */
    public ResponseWriter literalHeader(long size, boolean binary) throws IOException {
        return raw(binary ? "~{" : "{").number(size).raw("}").end();
    }

    /** A stream writing raw octets into the response, for a literal announced by {@link #literalHeader}. */
    public java.io.OutputStream octets() {
        return new java.io.OutputStream() {
            @Override
            public void write(int b) throws IOException {
                put(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                put(b, off, len);
            }
        };
    }

    /** A literal of exactly {@code size} bytes streamed from {@code in}; a short stream is an error. */
    public ResponseWriter literal(InputStream in, long size, boolean binary) throws IOException {
        raw(binary ? "~{" : "{").number(size).raw("}").end();
        byte[] buf = new byte[16 * 1024];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) throw new IOException("message shorter than its recorded size");
            put(buf, 0, n);
            left -= n;
        }
        return this;
    }
}
