package org.slotmail.lmtp.session;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import org.slotmail.net.LineReader;

/**
 * Copies a DATA block (RFC 5321 §4.1.1.4) from the connection to a stream, byte by byte from the
 * reader's buffer, so no line or message is ever held whole:
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
 * Bytes after the final "." stay in the reader for the next command (PIPELINING, RFC 2920).
 */
final class DataDecoder {
    private static final int CHUNK = 64 * 1024;

    private enum State {
        /** At the start of a line. */
        LINE_START,
        /** The line so far is one dot, not yet copied. */
        DOT,
        /** The line so far is a dot and a CR. */
        DOT_CR,
        /** Inside a line. */
        MIDDLE,
        /** Inside a line, after a CR not yet copied. */
        CR,
        /** After the terminating line. */
        END
    }

    private final LineReader in;
    private final OutputStream out;
    private final byte[] chunk = new byte[CHUNK];
    private int count;

    private DataDecoder(LineReader in, OutputStream out) {
        this.in = in;
        this.out = out;
    }

    /** Copies through the terminating line; throws EOFException if the client leaves first. */
    static void copy(LineReader in, OutputStream out) throws IOException {
        new DataDecoder(in, out).run();
    }

    private void run() throws IOException {
        State state = State.LINE_START;
        while (state != State.END) {
            int b = in.read();
            if (b < 0) throw new EOFException("connection closed during DATA");
            state = switch (state) {
                case LINE_START -> b == '.' ? State.DOT : inLine(b);
                case DOT ->
                    switch (b) {
                        case '\r' -> State.DOT_CR;
                        case '\n' -> State.END;
                        default -> inLine(b); // the stuffed dot is dropped
                    };
                case DOT_CR -> {
                    if (b == '\n') yield State.END;
                    endLine(); // ".", then a lone CR: the dot was stuffing, the CR becomes CRLF
                    yield inLine(b);
                }
                case MIDDLE -> inLine(b);
                case CR -> {
                    endLine();
                    yield b == '\n' ? State.LINE_START : inLine(b);
                }
                case END -> throw new IllegalStateException("read past the end of DATA");
            };
        }
        drain();
    }

    /** Takes one byte inside a line. */
    private State inLine(int b) throws IOException {
        if (b == '\r') return State.CR;
        if (b == '\n') {
            endLine();
            return State.LINE_START;
        }
        put(b);
        return State.MIDDLE;
    }

    private void endLine() throws IOException {
        put('\r');
        put('\n');
    }

    private void put(int b) throws IOException {
        if (count == chunk.length) drain();
        chunk[count++] = (byte) b;
    }

    private void drain() throws IOException {
        if (count > 0) out.write(chunk, 0, count);
        count = 0;
    }
}
