package org.slotmail.mail;

import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;

/**
 * Header text as a reader sees it: RFC 2047 encoded words decoded, folding removed, raw UTF-8
 * (RFC 6532) kept. For comparisons (SEARCH, SORT, THREAD), never for what IMAP sends back: the
 * envelope and body structure keep header values as written.
 */
public final class EncodedWords {
    /** RFC 2231 §5 lets an encoded word name a language: {@code =?utf-8*en?Q?...?=}. */
    private static final Pattern LANGUAGE_SUFFIX = Pattern.compile("=\\?([^?*\\s]+)\\*[^?\\s]*\\?");

    private EncodedWords() {}

    /**
     * Decodes the encoded words in {@code text} (RFC 2047 §2, B and Q encodings, any charset Java
     * knows). mime4j joins adjacent words before decoding (§6.2 drops the white space between
     * them), so a multi-byte character split across two words comes out whole. A word in an
     * unknown charset, or one that does not parse, stays as written. Null stays null.
     */
    public static String decode(String text) {
        if (text == null || !text.contains("=?")) return text;
        String plain = LANGUAGE_SUFFIX.matcher(text).replaceAll("=?$1?");
        try {
            return DecoderUtil.decodeEncodedWords(plain, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return text;
        }
    }

    /**
     * A raw header value (the bytes after the colon) as text: unfolded (RFC 5322 §2.2.3), read as
     * UTF-8 when valid and ISO-8859-1 otherwise, encoded words decoded, and trimmed.
     */
    public static String decodeField(byte[] raw, int from, int to) {
        return HeaderText.trim(decode(HeaderText.decode(HeaderText.unfold(raw, from, to))));
    }

    /** {@link #decodeField(byte[], int, int)} of a whole array. */
    public static String decodeField(byte[] raw) {
        return decodeField(raw, 0, raw.length);
    }
}
