package org.slotmail.lmtp.session;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import org.slotmail.net.LineReader;

/**
 * Copies a DATA block (RFC 5321 §4.1.1.4) from the connection to a stream, a buffer at a time
 * straight from the reader's buffer, so no line or message is ever held whole:
 *
 * <ul>
 *   <li>the block ends at a line holding only "." (CRLF.CRLF; a bare LF also ends a line, so
 *       LF.LF does too, as MTAs that accept bare LF treat it);
 *   <li>a leading "." of any other line is removed (dot-unstuffing, RFC 5321 §4.5.2);
 *   <li>every line ends with CRLF in the output: a bare LF becomes CRLF, and so does a CR not
 *       followed by LF (RFC 5322 §2.3 allows CR and LF only together). Such a lone CR does not end
 *       a line for the protocol, so "\r.\r" never ends the block (no SMTP smuggling);
 *   <li>every other byte, NUL and 8-bit included, is copied as is.
 * </ul>
 *
 * Bytes that come out as they went in (nearly all of a message) are written as one run per
 * buffer; only a removed dot or a repaired line end splits a run. Bytes after the final "." stay
 * in the reader for the next command (PIPELINING, RFC 2920).
 */
final class DataDecoder implements LineReader.BufferScanner {
    private static final byte[] CRLF = {'\r', '\n'};

    private enum State {
        /** At the start of a line. */
        LINE_START,
        /** The line so far is one dot, not yet copied. */
        DOT,
        /** The line so far is a dot and a CR, neither copied. */
        DOT_CR,
        /** Inside a line. */
        MIDDLE,
        /** Inside a line, after a CR that ended the previous buffer, not yet copied. */
        CR,
        /** After the terminating line. */
        END
    }

    private final OutputStream out;
    private State state = State.LINE_START;

    private DataDecoder(OutputStream out) {
        this.out = out;
    }

    /** Copies through the terminating line; throws EOFException if the client leaves first. */
    static void copy(LineReader in, OutputStream out) throws IOException {
        var decoder = new DataDecoder(out);
        while (decoder.state != State.END) {
            if (!in.scan(decoder)) throw new EOFException("connection closed during DATA");
        }
    }

    @Override
    public int scan(byte[] buf, int from, int to) throws IOException {
        int i = from;
        int run = from; // buf[run, i) is copied as it is
        while (i < to) {
            switch (state) {
                case MIDDLE -> {
                    while (i < to && buf[i] != '\r' && buf[i] != '\n') i++;
                    if (i == to) continue;
                    if (buf[i] == '\n') { // a bare LF ends the line
                        copy(buf, run, i);
                        out.write(CRLF);
                        run = ++i;
                        state = State.LINE_START;
                    } else if (i + 1 == to) { // a CR last in the buffer: wait for what follows
                        copy(buf, run, i);
                        run = ++i;
                        state = State.CR;
                    } else if (buf[i + 1] == '\n') { // CRLF, copied with the line
                        i += 2;
                        state = State.LINE_START;
                    } else { // a lone CR becomes CRLF; the line goes on
                        copy(buf, run, i);
                        out.write(CRLF);
                        run = ++i;
                    }
                }
                case LINE_START -> {
                    if (buf[i] == '.') {
                        copy(buf, run, i);
                        run = ++i;
                        state = State.DOT;
                    } else {
                        state = State.MIDDLE;
                    }
                }
                case DOT -> {
                    switch (buf[i]) {
                        case '\r' -> {
                            run = ++i;
                            state = State.DOT_CR;
                        }
                        case '\n' -> {
                            state = State.END;
                            return i + 1 - from;
                        }
                        default -> state = State.MIDDLE; // the dot was stuffing and is dropped
                    }
                }
                case DOT_CR -> {
                    if (buf[i] == '\n') {
                        state = State.END;
                        return i + 1 - from;
                    }
                    // ".", then a lone CR: the dot was stuffing, the CR becomes CRLF.
                    out.write(CRLF);
                    state = State.MIDDLE;
                }
                case CR -> {
                    out.write(CRLF);
                    if (buf[i] == '\n') {
                        run = ++i;
                        state = State.LINE_START;
                    } else {
                        state = State.MIDDLE; // a lone CR; this byte goes on the line
                    }
                }
                case END -> throw new IllegalStateException("read past the end of DATA");
            }
        }
        copy(buf, run, i);
        return i - from;
    }

    private void copy(byte[] buf, int from, int to) throws IOException {
        if (to > from) out.write(buf, from, to - from);
    }
}
