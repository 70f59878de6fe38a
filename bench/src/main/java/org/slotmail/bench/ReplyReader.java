package org.slotmail.bench;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP-style replies ({@code 250-first}, {@code 250 last}) from a buffered stream.
 *
 * <p>Hand-rolled rather than a {@code BufferedReader} so that the byte stream stays the only reader
 * of the socket and a malformed reply is reported with its text instead of hanging the session.
 */
final class ReplyReader {
    /** RFC 5321 limits reply lines to 512 octets; allow slack for verbose servers. */
    private static final int MAX_LINE = 4096;

    private final InputStream in;
    private final byte[] line = new byte[MAX_LINE];

    ReplyReader(InputStream in) {
        this.in = in;
    }

    LmtpReply read() throws IOException {
        List<String> texts = new ArrayList<>(1);
        while (true) {
            String text = readLine();
            if (text.length() < 3 || !isDigits(text.substring(0, 3))) {
                throw new ProtocolException("malformed reply line: " + text);
            }
            int code = Integer.parseInt(text.substring(0, 3));
            boolean last = text.length() == 3 || text.charAt(3) == ' ';
            texts.add(text.length() > 4 ? text.substring(4) : "");
            if (last) {
                return new LmtpReply(code, texts);
            }
            if (text.charAt(3) != '-') {
                throw new ProtocolException("malformed reply line: " + text);
            }
        }
    }

    private String readLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("server closed the connection");
            }
            if (b == '\n') {
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return new String(line, 0, length, StandardCharsets.US_ASCII);
            }
            if (length == MAX_LINE) {
                throw new ProtocolException("reply line longer than " + MAX_LINE + " bytes");
            }
            line[length++] = (byte) b;
        }
    }

    private static boolean isDigits(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
