package org.slotmail.imap.syntax;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slotmail.net.Line;
import org.slotmail.net.LineReader;

/**
 * Reads one IMAP command at a time as tokens (RFC 9051 §9), pulling lines and literals from the
 * connection as the parser asks for them. A synchronizing literal ({@code {n}}) gets its "+"
 * continuation only when the parser reaches it, so a command that is already wrong before its
 * literal is refused without making the client send the literal. Message literals of APPEND are
 * handed over as a bounded stream, never held in memory here.
 */
public final class ImapInput {
    /** Sends a command continuation request ("+ ...") and flushes it. */
    @FunctionalInterface
    public interface Continuation {
        void ready() throws IOException;
    }

    /** Takes an APPEND message literal as a stream of exactly its bytes. */
    @FunctionalInterface
    public interface LiteralSink<T> {
        T take(InputStream body, long size, boolean binary) throws IOException;
    }

    /** What was read as the first line of a command. */
    public sealed interface Start {
        /** A line was read; tokens can be taken. */
        record Command() implements Start {}
        /** The line exceeded the limit and was skipped; the session should close. */
        record TooLong() implements Start {}
        /** The client closed the connection. */
        record End() implements Start {}
    }

    private final LineReader in;
    private final Limits limits;
    private final Continuation continuation;
    private byte[] line = new byte[0];
    private int pos;
    private long commandBytes;
    private int nesting;

    public ImapInput(LineReader in, Limits limits, Continuation continuation) {
        this.in = in;
        this.limits = limits;
        this.continuation = continuation;
    }

    public Limits limits() {
        return limits;
    }

    /** Reads the first line of the next command, skipping empty lines as some clients send them. */
    public Start next() throws IOException {
        while (true) {
            // A line too long ends the connection (BYE), so reading stops at the limit.
            Line l = in.readLineOrGiveUp(limits.maxLineLength());
            switch (l) {
                case Line.End e -> {
                    return new Start.End();
                }
                case Line.TooLong t -> {
                    return new Start.TooLong();
                }
                case Line.Text t -> {
                    if (t.bytes().length == 0) continue;
                    line = t.bytes();
                    pos = 0;
                    commandBytes = line.length;
                    nesting = 0;
                    return new Start.Command();
                }
            }
        }
    }

    /**
     * Reads a whole line for an exchange inside a command (AUTHENTICATE responses, IDLE's DONE);
     * null at end of stream.
     */
    public byte[] readRawLine() throws IOException, SyntaxException {
        // Past the limit reading stops (the error is fatal); what is left of the line is read as
        // the next command, whose own limit then ends the connection.
        Line l = in.readLineOrGiveUp(limits.maxLineLength());
        return switch (l) {
            case Line.End e -> null;
            case Line.TooLong t -> throw new SyntaxException("line too long", null, true);
            case Line.Text t -> t.bytes();
        };
    }

    /** Whether the client has already sent more input than this command. */
    public boolean moreBuffered() {
        return in.buffered() > 0;
    }

    // ---- tokens ----

    public int peek() {
        return pos < line.length ? line[pos] & 0xff : -1;
    }

    public boolean atEnd() {
        return pos >= line.length;
    }

    public void sp() throws SyntaxException {
        expect(' ');
    }

    public void expect(char c) throws SyntaxException {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    /** Consumes {@code c} when it is next. */
    public boolean accept(char c) {
        if (peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes a case-insensitive keyword when it is next and followed by a delimiter. */
    public boolean acceptWord(String word) {
        int end = pos + word.length();
        if (end > line.length) return false;
        for (int i = 0; i < word.length(); i++) {
            if (Character.toUpperCase(line[pos + i]) != word.charAt(i)) return false;
        }
        if (end < line.length && isAtomChar(line[end] & 0xff) && line[end] != '.' && line[end] != '[') return false;
        pos = end;
        return true;
    }

    public void endOfCommand() throws SyntaxException {
        if (!atEnd()) throw error("unexpected text after the command");
    }

    /** Enters a parenthesised level; too deep nesting is refused. */
    public void open() throws SyntaxException {
        expect('(');
        if (++nesting > limits.maxNesting()) throw new SyntaxException("too deeply nested");
    }

    public void close() throws SyntaxException {
        expect(')');
        nesting--;
    }

    /** A tag: ASTRING-CHARs except "+" (RFC 9051 §9). */
    public String tag() throws SyntaxException {
        int start = pos;
        while (pos < line.length) {
            int c = line[pos] & 0xff;
            if (!isAtomChar(c) && c != ']' || c == '+') break;
            pos++;
        }
        if (pos == start) throw error("missing tag");
        return ascii(start, pos);
    }

    /** An atom (RFC 9051 §9 ATOM-CHAR). */
    public String atom() throws SyntaxException {
        int start = pos;
        while (pos < line.length && isAtomChar(line[pos] & 0xff)) pos++;
        if (pos == start) throw error("expected an atom");
        return ascii(start, pos);
    }

    /** Characters up to the next space or parenthesis (flags like {@code \Seen}, sequence sets). */
    public String word() throws SyntaxException {
        int start = pos;
        while (pos < line.length) {
            int c = line[pos] & 0xff;
            if (c == ' ' || c == '(' || c == ')' || c < 0x20 || c >= 0x7f) break;
            if (c == '[' && pos > start) break;
            pos++;
        }
        if (pos == start) throw error("expected a word");
        return ascii(start, pos);
    }

    public long number() throws SyntaxException {
        int start = pos;
        long value = 0;
        while (pos < line.length && line[pos] >= '0' && line[pos] <= '9') {
            value = value * 10 + (line[pos] - '0');
            if (value > 0x7FFF_FFFF_FFFF_FFFFL / 10) throw error("number too large");
            pos++;
        }
        if (pos == start) throw error("expected a number");
        return value;
    }

    public long nzNumber() throws SyntaxException {
        long n = number();
        if (n == 0) throw error("expected a non-zero number");
        return n;
    }

    /** A number that fits in 32 bits unsigned (RFC 9051 number). */
    public long number32() throws SyntaxException {
        long n = number();
        if (n > 0xFFFF_FFFFL) throw error("number out of range");
        return n;
    }

    /** astring: an atom (']' allowed), a quoted string or a literal, as UTF-8 text. */
    public String astring() throws SyntaxException, IOException {
        int c = peek();
        if (c == '"' || c == '{' || c == '~') return utf8(string());
        int start = pos;
        while (pos < line.length && (isAtomChar(line[pos] & 0xff) || line[pos] == ']')) pos++;
        if (pos == start) throw error("expected a string");
        return ascii(start, pos);
    }

    /** astring as raw bytes (SEARCH strings in a declared charset). */
    public byte[] astringBytes() throws SyntaxException, IOException {
        int c = peek();
        if (c == '"' || c == '{' || c == '~') return string();
        int start = pos;
        while (pos < line.length && (isAtomChar(line[pos] & 0xff) || line[pos] == ']')) pos++;
        if (pos == start) throw error("expected a string");
        return Arrays.copyOfRange(line, start, pos);
    }

    /** A quoted string or a literal, as bytes. */
    public byte[] string() throws SyntaxException, IOException {
        int c = peek();
        if (c == '"') return quoted();
        if (c == '{' || c == '~') return literal();
        throw error("expected a quoted string or literal");
    }

    /** nstring: NIL or a string; null for NIL. */
    public String nstring() throws SyntaxException, IOException {
        if (acceptWord("NIL")) return null;
        return utf8(string());
    }

    private byte[] quoted() throws SyntaxException {
        pos++; // opening quote
        var out = new java.io.ByteArrayOutputStream();
        while (true) {
            if (pos >= line.length) throw error("unterminated quoted string");
            int c = line[pos++] & 0xff;
            if (c == '"') return out.toByteArray();
            if (c == '\\') {
                if (pos >= line.length) throw error("unterminated quoted string");
                int q = line[pos++] & 0xff;
                if (q != '"' && q != '\\') throw error("bad escape in quoted string");
                out.write(q);
            } else if (c == 0) {
                throw error("NUL in quoted string");
            } else out.write(c);
        }
    }

    /** The header of a literal at the end of the current line: its size and kind. */
    private record LiteralHeader(long size, boolean sync, boolean binary) {}

    private LiteralHeader literalHeader() throws SyntaxException {
        boolean binary = accept('~');
        expect('{');
        long size = number();
        boolean nonSync = accept('+');
        expect('}');
        if (!atEnd()) throw error("a literal must end the line");
        return new LiteralHeader(size, !nonSync, binary);
    }

    private byte[] literal() throws SyntaxException, IOException {
        LiteralHeader h = literalHeader();
        if (h.size > limits.maxLiteral() || commandBytes + h.size > limits.maxCommandBytes()) {
            // A non-synchronizing literal is on its way already: the stream cannot be followed.
            throw new SyntaxException("literal too large", "TOOBIG", !h.sync);
        }
        if (h.sync) continuation.ready();
        byte[] bytes = new byte[(int) h.size];
        readFully(bytes);
        if (!h.binary) {
            for (byte b : bytes) if (b == 0) throw errorAfterLiteral("NUL in a literal (use literal8)");
        }
        commandBytes += h.size;
        nextLine();
        return bytes;
    }

    private SyntaxException errorAfterLiteral(String message) throws IOException {
        nextLine();
        return error(message);
    }

    /**
     * Hands an APPEND message literal to {@code sink} as a stream of its exact bytes, then reads
     * the line that follows it. Too large a message is refused with {@code TOOBIG} before the
     * client is asked to send it (RFC 7888 §4 for non-synchronizing ones: the connection closes).
     */
    public <T> T messageLiteral(long maxSize, LiteralSink<T> sink) throws SyntaxException, IOException {
        int c = peek();
        if (c != '{' && c != '~') throw error("expected a message literal");
        LiteralHeader h = literalHeader();
        long limit = Math.min(maxSize, limits.maxMessageSize());
        if (h.size > limit) throw new SyntaxException("message too large", "TOOBIG", !h.sync);
        if (h.sync) continuation.ready();
        var body = new BoundedStream(h.size);
        T result;
        try {
            result = sink.take(body, h.size, h.binary);
        } finally {
            body.skipRest();
        }
        nextLine();
        return result;
    }

    /**
     * Discards what is left of a command after an error. Non-synchronizing literals announced at
     * the end of its lines are read and dropped, since the client sends them regardless; a
     * synchronizing one ends the command, since the client waits for a "+" that never comes.
     *
     * @return false when the remaining input cannot be followed and the connection must close
     */
    public boolean skipCommand() throws IOException {
        while (true) {
            long size = trailingNonSyncLiteral();
            if (size < 0) {
                pos = line.length;
                return true;
            }
            if (size > limits.maxMessageSize()) return false;
            pos = line.length;
            long left = size;
            byte[] buf = new byte[8192];
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) throw new EOFException("client went away inside a literal");
                left -= n;
            }
            Line l = in.readLine(limits.maxLineLength());
            if (!(l instanceof Line.Text t)) return false;
            line = t.bytes();
            pos = 0;
        }
    }

    /** The size of a {@code {n+}} at the end of the current line, or -1. */
    private long trailingNonSyncLiteral() {
        int end = line.length;
        if (end < 4 || line[end - 1] != '}' || line[end - 2] != '+') return -1;
        int i = end - 3;
        long size = 0;
        long scale = 1;
        while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
            size += (line[i] - '0') * scale;
            scale *= 10;
            if (scale > 1_000_000_000_000L) return Long.MAX_VALUE;
            i--;
        }
        if (i < 0 || line[i] != '{' || i == end - 3) return -1;
        return size;
    }

    private void readFully(byte[] bytes) throws IOException {
        int off = 0;
        while (off < bytes.length) {
            int n = in.read(bytes, off, bytes.length - off);
            if (n < 0) throw new EOFException("client went away inside a literal");
            off += n;
        }
    }

    private void nextLine() throws IOException {
        Line l = in.readLineOrGiveUp(limits.maxLineLength());
        switch (l) {
            case Line.End e -> throw new EOFException("client went away after a literal");
            case Line.TooLong t -> throw new IOException("line too long after a literal");
            case Line.Text t -> {
                line = t.bytes();
                pos = 0;
                commandBytes += line.length;
            }
        }
    }

    /** The rest of the current line, raw (for error messages and logging). */
    public String rest() {
        return ascii(pos, line.length);
    }

    public SyntaxException error(String message) {
        return new SyntaxException(message);
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Decodes bytes as strict UTF-8 (RFC 9051 allows UTF-8 in strings). */
    public static String utf8(byte[] bytes) throws SyntaxException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SyntaxException("invalid UTF-8 in a string");
        }
    }

    /** ATOM-CHAR: any CHAR except atom-specials (RFC 9051 §9). */
    static boolean isAtomChar(int c) {
        if (c <= 0x20 || c >= 0x7f) return false;
        return switch (c) {
            case '(', ')', '{', '%', '*', '"', '\\', ']' -> false;
            default -> true;
        };
    }

    /** The literal's bytes, read straight from the connection, no more and no fewer. */
    private final class BoundedStream extends InputStream {
        private long left;

        BoundedStream(long size) {
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left == 0) return -1;
            int b = in.read();
            if (b < 0) throw new EOFException("client went away inside a literal");
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) return -1;
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) throw new EOFException("client went away inside a literal");
            left -= n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] buf = new byte[8192];
            while (left > 0) read(buf, 0, buf.length);
        }
    }
}
