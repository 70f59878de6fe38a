package org.slotmail.imap.syntax;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Modified UTF-7, the mailbox-name encoding of IMAP4rev1 (RFC 3501 §5.1.3): printable ASCII
 * stands for itself, "&" is "&-", everything else is UTF-16 in base64 with "," for "/" between
 * "&" and "-". Decoding is strict: a name a client could have written in two ways is refused, so
 * one mailbox never has two spellings.
 */
public final class ModifiedUtf7 {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    private ModifiedUtf7() {}

    public static String encode(String text) {
        var sb = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                sb.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && (text.charAt(end) < 0x20 || text.charAt(end) > 0x7e)) end++;
            byte[] utf16 = text.substring(i, end).getBytes(StandardCharsets.UTF_16BE);
            sb.append('&');
            int bits = 0;
            int buffer = 0;
            for (byte b : utf16) {
                buffer = (buffer << 8) | (b & 0xff);
                bits += 8;
                while (bits >= 6) {
                    bits -= 6;
                    sb.append(ALPHABET.charAt((buffer >> bits) & 0x3f));
                }
            }
            if (bits > 0) sb.append(ALPHABET.charAt((buffer << (6 - bits)) & 0x3f));
            sb.append('-');
            i = end;
        }
        return sb.toString();
    }

    /** Decodes a name; throws when it is not valid modified UTF-7. */
    public static String decode(String name) throws SyntaxException {
        var sb = new StringBuilder(name.length());
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c > 0x7e || c < 0x20)
                throw new SyntaxException("invalid modified UTF-7 mailbox name (8-bit or control)");
            if (c != '&') {
                sb.append(c);
                i++;
                continue;
            }
            int end = name.indexOf('-', i + 1);
            if (end < 0) throw new SyntaxException("invalid modified UTF-7: unterminated '&'");
            if (end == i + 1) {
                sb.append('&');
                i = end + 1;
                continue;
            }
            var utf16 = new ByteArrayOutputStream();
            int bits = 0;
            int buffer = 0;
            for (int k = i + 1; k < end; k++) {
                int v = ALPHABET.indexOf(name.charAt(k));
                if (v < 0) throw new SyntaxException("invalid modified UTF-7: bad base64 character");
                buffer = (buffer << 6) | v;
                bits += 6;
                if (bits >= 8) {
                    bits -= 8;
                    utf16.write((buffer >> bits) & 0xff);
                }
            }
            // Leftover bits must be zero padding of less than one byte.
            if (bits >= 6 || (buffer & ((1 << bits) - 1)) != 0) {
                throw new SyntaxException("invalid modified UTF-7: bad padding");
            }
            byte[] bytes = utf16.toByteArray();
            if (bytes.length % 2 != 0) throw new SyntaxException("invalid modified UTF-7: odd UTF-16 length");
            String decoded = decodeUtf16(bytes);
            for (int k = 0; k < decoded.length(); k++) {
                char d = decoded.charAt(k);
                if (d >= 0x20 && d <= 0x7e) throw new SyntaxException("invalid modified UTF-7: encoded ASCII");
            }
            sb.append(decoded);
            i = end + 1;
            // Two encoded runs back to back must have been written as one.
            if (i < name.length() && name.charAt(i) == '&' && i + 1 < name.length() && name.charAt(i + 1) != '-') {
                throw new SyntaxException("invalid modified UTF-7: adjacent encoded runs");
            }
        }
        return sb.toString();
    }

    private static String decodeUtf16(byte[] bytes) throws SyntaxException {
        try {
            return StandardCharsets.UTF_16BE
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new SyntaxException("invalid modified UTF-7: bad UTF-16");
        }
    }
}
