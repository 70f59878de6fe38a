package org.slotmail.bench;

import java.io.ByteArrayOutputStream;

/** RFC 5321 §4.5.2 transparency: a line that starts with "." gets a second "." on the wire. */
final class DotStuffing {
    private DotStuffing() {}

    /** Returns {@code message} itself when no line starts with a dot, so the common case copies nothing. */
    static byte[] encode(byte[] message) {
        if (!needsStuffing(message)) {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte b : message) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        return out.toByteArray();
    }

    private static boolean needsStuffing(byte[] message) {
        if (message.length > 0 && message[0] == '.') {
            return true;
        }
        for (int i = 1; i < message.length; i++) {
            if (message[i] == '.' && message[i - 1] == '\n') {
                return true;
            }
        }
        return false;
    }
}
