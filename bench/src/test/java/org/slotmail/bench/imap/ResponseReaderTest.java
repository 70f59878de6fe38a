package org.slotmail.bench.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {
    @Test
    void aLiteralIsSkippedAndTheResponseContinuesAfterIt() throws IOException {
        ResponseReader reader = reader("* 1 FETCH (UID 7 BODY[] {5}\r\nab\r\nc)\r\nb1 OK done\r\n");
        ResponseReader.Response r = reader.read();
        assertThat(r.isFetch()).isTrue();
        assertThat(r.literalBytes()).isEqualTo(5);
        assertThat(r.text()).isEqualTo("* 1 FETCH (UID 7 BODY[] {5}\r\n)");
        assertThat(reader.read().hasTag("b1")).isTrue();
    }

    @Test
    void severalLiteralsInOneResponseAreSummed() throws IOException {
        // An ENVELOPE with a subject and a name sent as literals, as servers do for 8-bit text.
        ResponseReader reader =
                reader("* 2 FETCH (ENVELOPE (NIL {3}\r\nabc ((\"x\" NIL \"a\" \"b\")) {4+}\r\ndefg))\r\n");
        ResponseReader.Response r = reader.read();
        assertThat(r.literalBytes()).isEqualTo(7);
        assertThat(r.text()).endsWith("))");
    }

    @Test
    void braceTextThatIsNotALiteralIsLeftAlone() throws IOException {
        ResponseReader.Response r = reader("* OK [ALERT] see {notes}\r\n").read();
        assertThat(r.literalBytes()).isZero();
        assertThat(r.text()).isEqualTo("* OK [ALERT] see {notes}");
    }

    @Test
    void literalsLongerThanTheBufferAreSkippedWhole() throws IOException {
        String body = "x".repeat(200_000);
        ResponseReader reader = reader("* 3 FETCH (BODY[] {200000}\r\n" + body + ")\r\nb9 OK\r\n");
        assertThat(reader.read().literalBytes()).isEqualTo(200_000);
        ResponseReader.Response done = reader.read();
        assertThat(done.hasTag("b9")).isTrue();
        assertThat(reader.bytesRead()).isGreaterThan(200_000);
    }

    @Test
    void tagsMatchOnlyWholeTags() throws IOException {
        ResponseReader.Response r = reader("b12 OK fine\r\n").read();
        assertThat(r.hasTag("b12")).isTrue();
        assertThat(r.hasTag("b1")).isFalse();
        assertThat(r.isUntagged()).isFalse();
    }

    @Test
    void fetchIsRecognisedOnlyAfterAMessageNumber() throws IOException {
        assertThat(reader("* 12 FETCH (FLAGS ())\r\n").read().isFetch()).isTrue();
        assertThat(reader("* 12 EXISTS\r\n").read().isFetch()).isFalse();
        assertThat(reader("* FETCH oops\r\n").read().isFetch()).isFalse();
    }

    @Test
    void aBareLfEndsALineToo() throws IOException {
        ResponseReader reader = reader("* OK hi\nb0 OK\n");
        assertThat(reader.read().text()).isEqualTo("* OK hi");
        assertThat(reader.read().hasTag("b0")).isTrue();
    }

    @Test
    void aClosedConnectionIsAnEofNotAHang() {
        ResponseReader reader = reader("* 1 FETCH (BODY[] {10}\r\nabc");
        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
    }

    @Test
    void trailingLiteralReadsTheAnnouncedSize() {
        assertThat(literal("x {0}\r\n")).isZero();
        assertThat(literal("x {123}\r\n")).isEqualTo(123);
        assertThat(literal("x {123+}\r\n")).isEqualTo(123);
        assertThat(literal("x {}\r\n")).isEqualTo(-1);
        assertThat(literal("x 123}\r\n")).isEqualTo(-1);
        assertThat(literal("x {12a}\r\n")).isEqualTo(-1);
    }

    private static long literal(String line) {
        byte[] b = line.getBytes(StandardCharsets.US_ASCII);
        return ResponseReader.trailingLiteral(b, b.length);
    }

    private static ResponseReader reader(String text) {
        InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return new ResponseReader(in);
    }
}
