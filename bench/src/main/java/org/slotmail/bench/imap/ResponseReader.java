package org.slotmail.bench.imap;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an IMAP server's responses one whole response at a time: a line, and where it ends in a
 * literal ({@code {n}} or {@code {n+}}, RFC 9051 §4.3) the literal and the rest of the response
 * after it. Literal contents are skipped and counted, not kept: the benchmark needs how much
 * came, not what, and keeping 100,000 envelopes would make the client, not the server, the cost.
 *
 * <p>{@link #read} returns the same {@link Response} object every time, refilled; it is valid
 * until the next call.
 */
final class ResponseReader {
    private static final int MAX_RESPONSE_TEXT = 64 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long bytesRead;
    private final Response response = new Response();

    ResponseReader(InputStream in) {
        this.in = in;
    }

    /** Every byte read so far, literals included. */
    long bytesRead() {
        return bytesRead;
    }

    /** The next whole response. */
    Response read() throws IOException {
        Response r = response;
        r.length = 0;
        r.literalBytes = 0;
        while (true) {
            appendLine(r);
            long literal = trailingLiteral(r.text, r.length);
            if (literal < 0) break;
            skip(literal);
            r.literalBytes += literal;
        }
        // The text ends with CRLF (or a bare LF from a lenient server); drop it.
        r.length -= r.length > 1 && r.text[r.length - 2] == '\r' ? 2 : 1;
        return r;
    }

    private void appendLine(Response r) throws IOException {
        while (true) {
            if (position == limit) fill();
            int end = position;
            while (end < limit && buffer[end] != '\n') end++;
            boolean complete = end < limit;
            if (complete) end++;
            r.append(buffer, position, end - position);
            position = end;
            if (complete) return;
        }
    }

    /** The size of the literal the line just read announces, or -1 when it ends without one. */
    static long trailingLiteral(byte[] text, int length) {
        int i = length - 1;
        if (i >= 0 && text[i] == '\n') i--;
        if (i >= 0 && text[i] == '\r') i--;
        if (i < 0 || text[i] != '}') return -1;
        i--;
        if (i >= 0 && text[i] == '+') i--;
        long value = 0;
        long scale = 1;
        int digits = 0;
        while (i >= 0 && text[i] >= '0' && text[i] <= '9') {
            value += (text[i] - '0') * scale;
            scale *= 10;
            digits++;
            i--;
        }
        if (digits == 0 || digits > 18 || i < 0 || text[i] != '{') return -1;
        return value;
    }

    private void skip(long count) throws IOException {
        while (count > 0) {
            if (position == limit) fill();
            int n = (int) Math.min(count, limit - position);
            position += n;
            count -= n;
        }
    }

    private void fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) throw new EOFException("the server closed the connection");
        position = 0;
        limit = n;
        bytesRead += n;
    }

    /** One server response; literal contents replaced by nothing, their sizes summed. */
    static final class Response {
        private byte[] text = new byte[4096];
        private int length;
        private long literalBytes;

        private void append(byte[] source, int offset, int count) throws ProtocolException {
            if (length + count > text.length) {
                if (length + count > MAX_RESPONSE_TEXT) {
                    throw new ProtocolException("a response longer than " + MAX_RESPONSE_TEXT + " bytes");
                }
                text = Arrays.copyOf(text, Math.max(length + count, text.length * 2));
            }
            System.arraycopy(source, offset, text, length, count);
            length += count;
        }

        /** Bytes of the response's own text (literal contents not included). */
        int length() {
            return length;
        }

        /** The sizes of the response's literals, summed. */
        long literalBytes() {
            return literalBytes;
        }

        boolean isUntagged() {
            return length > 1 && text[0] == '*' && text[1] == ' ';
        }

        boolean isContinuation() {
            return length > 0 && text[0] == '+';
        }

        /** Whether this is the completion of the command tagged {@code tag}. */
        boolean hasTag(String tag) {
            if (length <= tag.length() || text[tag.length()] != ' ') return false;
            for (int i = 0; i < tag.length(); i++) if (text[i] != tag.charAt(i)) return false;
            return true;
        }

        /** {@code * <number> FETCH ...}, without decoding the rest. */
        boolean isFetch() {
            if (!isUntagged()) return false;
            int i = 2;
            while (i < length && text[i] >= '0' && text[i] <= '9') i++;
            return i > 2 && startsAt(i, " FETCH ");
        }

        /** Whether the text, from {@code offset}, starts with the ASCII {@code prefix}, ignoring case. */
        boolean startsAt(int offset, String prefix) {
            if (offset + prefix.length() > length) return false;
            for (int i = 0; i < prefix.length(); i++) {
                if (Character.toUpperCase(text[offset + i]) != Character.toUpperCase(prefix.charAt(i))) return false;
            }
            return true;
        }

        /** The text as a string, for the responses worth decoding (status, SELECT data, SEARCH). */
        String text() {
            return new String(text, 0, length, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return new String(text, 0, Math.min(length, 300), StandardCharsets.UTF_8);
        }
    }
}
