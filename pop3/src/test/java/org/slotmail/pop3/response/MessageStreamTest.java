package org.slotmail.pop3.response;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slotmail.net.LineWriter;

/** Byte-stuffing and line ends of multi-line message responses (RFC 1939 §3), TOP's cut (§7). */
class MessageStreamTest {
    private static String send(String message, long bodyLines) throws IOException {
        return new String(send(message.getBytes(StandardCharsets.ISO_8859_1), bodyLines), StandardCharsets.ISO_8859_1);
    }

    private static byte[] send(byte[] message, long bodyLines) throws IOException {
        var wire = new ByteArrayOutputStream();
        var out = new LineWriter(wire, 512);
        new ReplyWriter(out).message(new ByteArrayInputStream(message), bodyLines);
        out.flush();
        return wire.toByteArray();
    }

    /** What a client makes of a response body: lines up to the lone dot, one leading dot removed. */
    private static byte[] unstuff(byte[] wire) {
        var out = new ByteArrayOutputStream();
        int start = 0;
        while (true) {
            int lf = indexOf(wire, start);
            if (lf < 0) throw new AssertionError("no terminating dot");
            int end = lf - 1; // CRLF is checked: the byte before LF is CR
            assertThat(wire[end]).as("CR before LF at %d", lf).isEqualTo((byte) '\r');
            if (end - start == 1 && wire[start] == '.') {
                assertThat(lf + 1).as("nothing after the terminator").isEqualTo(wire.length);
                return out.toByteArray();
            }
            int from = wire[start] == '.' ? start + 1 : start;
            out.write(wire, from, end - from);
            out.write('\r');
            out.write('\n');
            start = lf + 1;
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) if (bytes[i] == '\n') return i;
        return -1;
    }

    @Test
    void linesStartingWithADotGetASecondOne() throws IOException {
        assertThat(send("a\r\n.b\r\n..c\r\n.\r\nd.\r\n", -1)).isEqualTo("a\r\n..b\r\n...c\r\n..\r\nd.\r\n.\r\n");
    }

    @Test
    void theFirstLineIsALineStartToo() throws IOException {
        assertThat(send(".x\r\n", -1)).isEqualTo("..x\r\n.\r\n");
    }

    @Test
    void bareLineFeedsBecomeCrlfAndBareCarriageReturnsStay() throws IOException {
        assertThat(send("a\nb\r\n.c\nd\re\r\n", -1)).isEqualTo("a\r\nb\r\n..c\r\nd\re\r\n.\r\n");
    }

    @Test
    void aMissingFinalLineEndIsAdded() throws IOException {
        assertThat(send("a\r\nlast", -1)).isEqualTo("a\r\nlast\r\n.\r\n");
        assertThat(send("a\r\n.", -1)).isEqualTo("a\r\n..\r\n.\r\n");
        assertThat(send("a\r", -1)).isEqualTo("a\r\n.\r\n");
        assertThat(send("", -1)).isEqualTo(".\r\n");
    }

    @Test
    void topCutsAfterTheHeaderAndTheGivenNumberOfBodyLines() throws IOException {
        String message = "A: 1\r\nB: 2\r\n\r\none\r\n.two\r\nthree\r\n";
        assertThat(send(message, 0)).isEqualTo("A: 1\r\nB: 2\r\n\r\n.\r\n");
        assertThat(send(message, 2)).isEqualTo("A: 1\r\nB: 2\r\n\r\none\r\n..two\r\n.\r\n");
        assertThat(send(message, 3)).isEqualTo("A: 1\r\nB: 2\r\n\r\none\r\n..two\r\nthree\r\n.\r\n");
        assertThat(send(message, 100)).isEqualTo(send(message, -1));
    }

    @Test
    void topOfAMessageWithoutBodyIsTheWholeHeader() throws IOException {
        assertThat(send("A: 1\r\nB: 2\r\n", 0)).isEqualTo("A: 1\r\nB: 2\r\n.\r\n");
        assertThat(send("A: 1\nB: 2\n\nbody\n", 0)).isEqualTo("A: 1\r\nB: 2\r\n\r\n.\r\n");
    }

    @Test
    void aCrlfSplitAcrossReadsStaysOneLineEnd() throws IOException {
        // The CR is the last byte of one 16 KiB read, the LF the first of the next.
        byte[] message = new byte[16 * 1024 + 10];
        java.util.Arrays.fill(message, (byte) 'x');
        message[16 * 1024 - 1] = '\r';
        message[16 * 1024] = '\n';
        message[16 * 1024 + 1] = '.';
        message[message.length - 2] = '\r';
        message[message.length - 1] = '\n';
        assertThat(unstuff(send(message, -1))).isEqualTo(message);
    }

    @Test
    void randomMessagesWithCrlfLinesRoundTripExactly() throws IOException {
        var random = new Random(1939);
        for (int round = 0; round < 300; round++) {
            var message = new ByteArrayOutputStream();
            int lines = random.nextInt(50);
            for (int l = 0; l < lines; l++) {
                int len = random.nextInt(5) == 0 ? 0 : random.nextInt(100);
                for (int i = 0; i < len; i++) {
                    int b = random.nextInt(6) == 0 ? '.' : random.nextInt(256);
                    if (b == '\n' || b == '\r') b = '.';
                    message.write(b);
                }
                message.write('\r');
                message.write('\n');
            }
            byte[] bytes = message.toByteArray();
            assertThat(unstuff(send(bytes, -1))).as("round %d", round).isEqualTo(bytes);
        }
    }

    @Test
    void aStoreFailureMidwayIsNotMistakenForTheClientsSocket() {
        InputStream failing = new InputStream() {
            private int left = 100;

            @Override
            public int read() throws IOException {
                if (left-- > 0) return 'x';
                throw new IOException("segment read failed");
            }
        };
        var out = new LineWriter(new ByteArrayOutputStream(), 512);
        assertThatThrownBy(() -> new ReplyWriter(out).message(failing, -1))
                .isInstanceOf(MessageUnreadable.class)
                .hasMessageContaining("segment read failed");
    }
}
