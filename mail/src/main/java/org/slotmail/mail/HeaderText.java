package org.slotmail.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turning raw header bytes into the strings the envelope and body structure carry. */
final class HeaderText {
    private HeaderText() {}

    /**
     * Removes folding: a line break directly followed by a space or tab (RFC 5322 §2.2.3). Other
     * bytes, including stray CRs, are kept as written.
     */
    static byte[] unfold(byte[] raw, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, to - from));
        int i = from;
        while (i < to) {
            byte b = raw[i];
            int breakLen = b == '\n' ? 1 : (b == '\r' && i + 1 < to && raw[i + 1] == '\n') ? 2 : 0;
            if (breakLen > 0 && i + breakLen < to && (raw[i + breakLen] == ' ' || raw[i + breakLen] == '\t')) {
                i += breakLen;
                continue;
            }
            out.write(b);
            i++;
        }
        return out.toByteArray();
    }

    /**
     * Header bytes as text: UTF-8 when they are valid UTF-8 (RFC 6532 allows it in headers),
     * otherwise ISO-8859-1, which keeps every byte as one char so nothing is lost or replaced.
     */
    static String decode(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) return new String(bytes, StandardCharsets.US_ASCII);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Re-decodes a string that mime4j built by widening each byte to a char (its tokenizers work
     * on bytes), applying the same rule as {@link #decode(byte[])}.
     */
    static String fromWidenedBytes(String widened) {
        for (int i = 0; i < widened.length(); i++) {
            if (widened.charAt(i) > 0x7f) return decode(widened.getBytes(StandardCharsets.ISO_8859_1));
        }
        return widened;
    }

    /** Strips spaces, tabs, CRs and LFs at both ends. */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) start++;
        while (end > start && isBlank(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }
}
