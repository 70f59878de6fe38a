package org.slotmail.lmtp.session;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slotmail.net.Line;
import org.slotmail.net.LineReader;

class DataDecoderTest {
    private static LineReader reader(String input) {
        return new LineReader(new ByteArrayInputStream(input.getBytes(ISO_8859_1)), 7, () -> {});
    }

    private static String decode(LineReader in) throws IOException {
        var out = new ByteArrayOutputStream();
        DataDecoder.copy(in, out);
        return out.toString(ISO_8859_1);
    }

    /** Input and output are written with \r and \n spelled out (CSV cannot hold them). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a\\r\\nb\\r\\n.\\r\\n           | a\\r\\nb\\r\\n",
                ".\\r\\n                          | ''",
                "..\\r\\n.\\r\\n                  | .\\r\\n",
                "..x\\r\\n...\\r\\n.\\r\\n        | .x\\r\\n..\\r\\n",
                ".x\\r\\n.\\r\\n                  | x\\r\\n",
                "a\\nb\\n.\\n                     | a\\r\\nb\\r\\n",
                "a\\nb\\n.\\r\\n                  | a\\r\\nb\\r\\n",
                "a\\rb\\r\\n.\\r\\n               | a\\r\\nb\\r\\n",
                "a\\r\\r\\n.\\r\\n                | a\\r\\n\\r\\n",
                "a\\r.\\r\\n.\\r\\n               | a\\r\\n.\\r\\n",
                ".\\rx\\r\\n.\\r\\n                | \\r\\nx\\r\\n",
                "\\r\\n\\r\\n.\\r\\n              | \\r\\n\\r\\n",
                "a. \\r\\n .\\r\\n.\\r\\n         | a. \\r\\n .\\r\\n",
            })
    void unstuffsDotsAndEndsEveryLineWithCrlf(String input, String expected) throws IOException {
        assertThat(decode(reader(unescape(input)))).isEqualTo(unescape(expected));
    }

    @Test
    void aLoneCrAroundADotDoesNotEndTheData() throws IOException {
        assertThat(decode(reader("a\r.\rb\r\n.\r\n"))).isEqualTo("a\r\n.\r\nb\r\n");
    }

    @Test
    void bytesAfterTheEndStayForTheNextCommand() throws IOException {
        var in = reader("body\r\n.\r\nQUIT\r\n");
        assertThat(decode(in)).isEqualTo("body\r\n");
        assertThat(in.readLine(100))
                .isInstanceOfSatisfying(
                        Line.Text.class, t -> assertThat(t.latin1()).isEqualTo("QUIT"));
    }

    @Test
    void theEndOfTheStreamBeforeTheDotIsAnError() {
        assertThatThrownBy(() -> decode(reader("half a message\r\n"))).isInstanceOf(EOFException.class);
    }

    @Test
    void aLongMessageIsCopiedInChunks() throws IOException {
        String line = "x".repeat(999) + "\r\n";
        String body = line.repeat(200);
        assertThat(decode(reader(body + ".\r\n"))).isEqualTo(body);
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
