package org.slotmail.mail.search;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns a text part's decoded octets into characters by its declared charset (RFC 2046 §4.1.2),
 * never failing: us-ascii, UTF-8, a missing or unknown charset all read as UTF-8 with stray octets
 * taken as ISO-8859-1; ISO-8859-1 reads as its superset windows-1252 (as browsers do, since mail
 * so labelled often uses 0x80-0x9F); anything else Java knows reads with replacement characters
 * for what does not decode.
 */
final class TextDecoding {
    private TextDecoding() {}

    static Reader reader(InputStream in, String charsetName) {
        Charset charset = lookup(charsetName);
        if (charset == null || charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
            return new LenientUtf8Reader(in);
        }
        if (charset.equals(StandardCharsets.ISO_8859_1)) charset = windows1252OrLatin1();
        return new InputStreamReader(
                in,
                charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    private static Charset windows1252OrLatin1() {
        Charset cp1252 = lookup("windows-1252");
        return cp1252 == null ? StandardCharsets.ISO_8859_1 : cp1252;
    }

    static Charset lookup(String name) {
        if (name == null) return null;
        String n = name.trim().replace("\"", "").toLowerCase(Locale.ROOT);
        if (n.isEmpty()) return null;
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
