package org.slotmail.lmtp.session;

import java.io.ByteArrayOutputStream;

/**
 * The DATA rules of RFC 5321 §4.1.1.4 and §4.5.2 applied one byte at a time: the reference
 * {@link DataDecoder}, which scans whole buffers, is checked against.
 */
final class DataRules {
    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    /** How many input bytes the block took, through its terminating line; -1 when it has none. */
    int consumed = -1;

    DataRules(byte[] input) {
        boolean lineStart = true, dot = false, dotCr = false, cr = false;
        for (int i = 0; i < input.length; i++) {
            byte b = input[i];
            if (dotCr) {
                dotCr = false;
                if (b == '\n') {
                    consumed = i + 1;
                    return;
                }
                crlf(); // ".", lone CR: the dot was stuffing
                lineStart = inLine(b);
                cr = b == '\r';
            } else if (dot) {
                dot = false;
                if (b == '\r') dotCr = true;
                else if (b == '\n') {
                    consumed = i + 1;
                    return;
                } else {
                    lineStart = inLine(b);
                    cr = b == '\r';
                }
            } else if (cr) {
                cr = false;
                crlf();
                if (b == '\n') lineStart = true;
                else {
                    lineStart = inLine(b);
                    cr = b == '\r';
                }
            } else if (lineStart && b == '.') {
                dot = true;
                lineStart = false;
            } else {
                lineStart = inLine(b);
                cr = b == '\r';
            }
        }
    }

    /** One byte inside a line; true when it ended the line (a bare LF). A CR is held by the caller. */
    private boolean inLine(byte b) {
        if (b == '\r') return false;
        if (b == '\n') {
            crlf();
            return true;
        }
        output.write(b);
        return false;
    }

    private void crlf() {
        output.write('\r');
        output.write('\n');
    }
}
