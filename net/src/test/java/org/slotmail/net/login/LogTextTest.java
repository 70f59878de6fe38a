package org.slotmail.net.login;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "plain text            | alice@example.com                   | alice@example.com",
                "CR LF forge a line    | 'alice\r\nINFO login ok user=root' | 'alice\\r\\nINFO login ok user=root'",
                "tab                   | 'a\tb'                              | 'a\\tb'",
                "quote ends kv value   | 'a\" admin=\"yes'                   | 'a\\\" admin=\\\"yes'",
                "backslash             | 'a\\b'                              | 'a\\\\b'",
                "escape sequence       | '\u001b[2J'                         | '\\u001b[2J'",
                "NUL                   | 'a\u0000b'                          | 'a\\u0000b'",
                "NEL                   | 'a\u0085b'                          | 'a\\u0085b'",
                "line separator        | 'a\u2028b'                          | 'a\\u2028b'",
                "bidi override         | 'a\u202eb'                          | 'a\\u202eb'",
                "accents stay readable | 'jörg@exämple.com'                  | 'jörg@exämple.com'",
            })
    void escapesWhatCouldForgeOrHideALogLine(String what, String input, String expected) {
        assertThat(LogText.escape(input)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void longTextIsCutAndSaysHowLongItWas() {
        String escaped = LogText.escape("a".repeat(100_000));
        assertThat(escaped)
                .hasSize(LogText.MAX_LENGTH + "...(100000 chars)".length())
                .endsWith("...(100000 chars)");
    }

    @org.junit.jupiter.api.Test
    void nullIsShownAsNone() {
        assertThat(LogText.escape(null)).isEqualTo("(none)");
    }
}
