package org.slotmail.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncodedWordsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "=?ISO-8859-1?Q?Andr=E9?= Pirard                 | André Pirard",
                "=?iso-8859-1?q?this=20is=20some=20text?=          | this is some text",
                "=?UTF-8?B?w6lsw6h2ZQ==?=                          | élève",
                // RFC 2047 §8: white space between adjacent encoded words is dropped...
                "=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=            | ab",
                "=?ISO-8859-1?Q?a?=   =?ISO-8859-1?Q?b?=          | ab",
                // ... but not between an encoded word and plain text.
                "=?ISO-8859-1?Q?a?= b                              | a b",
                // A UTF-8 character split across two words still comes out whole.
                "=?UTF-8?B?Y2Fmw6k=?= =?UTF-8?B?IOKCrA==?=         | café €",
                "=?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9?=                | café",
                "=?UTF-8?Q?two_words?=                             | two words",
                // RFC 2231 §5 language tags are ignored.
                "=?UTF-8*en?Q?tagged?=                             | tagged",
                // Unknown charsets and plain text stay as written.
                "=?x-unknown?Q?abc?=                               | =?x-unknown?Q?abc?=",
                "no encoded words here                             | no encoded words here",
            })
    void decodesEncodedWords(String encoded, String decoded) {
        assertThat(EncodedWords.decode(encoded.trim())).isEqualTo(decoded.trim());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                " =?UTF-8?Q?folded?=\\r\\n =?UTF-8?Q?_value?=      | folded value",
                " plain\\r\\n continued                            | plain continued",
                " Grüße raw UTF-8                                   | Grüße raw UTF-8",
            })
    void decodesRawFieldValues(String raw, String decoded) {
        byte[] bytes = raw.stripTrailing().replace("\\r\\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(EncodedWords.decodeField(bytes)).isEqualTo(decoded.trim());
    }

    @org.junit.jupiter.api.Test
    void latin1RawBytesAreKeptAsLatin1() {
        byte[] raw = " caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(EncodedWords.decodeField(raw)).isEqualTo("café");
    }
}
