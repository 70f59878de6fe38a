package org.slotmail.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private final AtomicInteger flushes = new AtomicInteger();

    private LineReader reader(String input, int bufferSize) {
        return new LineReader(
                new ByteArrayInputStream(input.getBytes(ISO_8859_1)), bufferSize, flushes::incrementAndGet);
    }

    private static String text(Line line) {
        assertThat(line).isInstanceOf(Line.Text.class);
        return ((Line.Text) line).latin1();
    }

    @Test
    void readsCrlfAndBareLfLinesWithoutTheirTerminators() throws IOException {
        var in = reader("one\r\ntwo\nthree\r\n", 16);
        assertThat(text(in.readLine(100))).isEqualTo("one");
        assertThat(text(in.readLine(100))).isEqualTo("two");
        assertThat(text(in.readLine(100))).isEqualTo("three");
        assertThat(in.readLine(100)).isInstanceOf(Line.End.class);
    }

    @Test
    void keepsACarriageReturnInsideTheLine() throws IOException {
        assertThat(text(reader("a\rb\r\n", 16).readLine(100))).isEqualTo("a\rb");
    }

    @Test
    void assemblesALineLongerThanTheBuffer() throws IOException {
        String longLine = "x".repeat(100);
        var in = reader(longLine + "\r\nnext\n", 16);
        assertThat(text(in.readLine(200))).isEqualTo(longLine);
        assertThat(text(in.readLine(200))).isEqualTo("next");
    }

    @Test
    void aLineOverTheLimitIsSkippedThroughItsLineFeedAndReadingGoesOn() throws IOException {
        var in = reader("y".repeat(1000) + "\r\nNOOP\r\n", 64);
        assertThat(in.readLine(100)).isEqualTo(new Line.TooLong(1001));
        assertThat(text(in.readLine(100))).isEqualTo("NOOP");
    }

    @Test
    void givingUpOnALineOverTheLimitReadsNoFurtherThanTheLimit() throws IOException {
        // An endless line: readLine would read it for ever, readLineOrGiveUp stops past the limit.
        var endless = new InputStream() {
            long read;

            @Override
            public int read() {
                read++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                Arrays.fill(b, off, off + len, (byte) 'x');
                read += len;
                return len;
            }
        };
        var in = new LineReader(endless, 64, () -> {});
        assertThat(in.readLineOrGiveUp(1000)).isInstanceOf(Line.TooLong.class);
        assertThat(endless.read).isLessThanOrEqualTo(1000 + 2 * 64);
    }

    @Test
    void givingUpStillReadsLinesWithinTheLimit() throws IOException {
        var in = reader("12345\r\n" + "y".repeat(50), 16);
        assertThat(text(in.readLineOrGiveUp(5))).isEqualTo("12345");
        assertThat(in.readLineOrGiveUp(5)).isInstanceOf(Line.TooLong.class);
    }

    @Test
    void theLimitCountsBytesBeforeTheTerminator() throws IOException {
        var in = reader("12345\r\n123456\r\n", 16);
        assertThat(text(in.readLine(5))).isEqualTo("12345");
        assertThat(in.readLine(5)).isInstanceOf(Line.TooLong.class);
    }

    @Test
    void aHugeLineIsCountedAndSkippedInBufferSizedSteps() throws IOException {
        long size = 64L << 20;
        var in = new LineReader(new Zeds(size), 8192, () -> {});
        assertThat(in.readLine(512)).isEqualTo(new Line.TooLong(size));
        assertThat(in.readLine(512)).isInstanceOf(Line.End.class);
    }

    /** {@code size} bytes of 'z' and then one LF, made up as they are read. */
    private static final class Zeds extends InputStream {
        private long left;
        private boolean lineFeedSent;

        Zeds(long size) {
            left = size;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException("LineReader reads in blocks");
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) {
                if (lineFeedSent) return -1;
                lineFeedSent = true;
                b[off] = '\n';
                return 1;
            }
            int n = (int) Math.min(len, left);
            Arrays.fill(b, off, off + n, (byte) 'z');
            left -= n;
            return n;
        }
    }

    @Test
    void aPartialLastLineIsDroppedAtEndOfStream() throws IOException {
        var in = reader("QUIT", 16);
        assertThat(in.readLine(100)).isInstanceOf(Line.End.class);
    }

    @Test
    void rawReadsContinueWhereTheLastLineEnded() throws IOException {
        var in = reader("DATA\r\nhello\r\n.\r\n", 8);
        assertThat(text(in.readLine(100))).isEqualTo("DATA");
        byte[] dst = new byte[64];
        var got = new StringBuilder();
        for (int n; (n = in.read(dst, 0, dst.length)) > 0; ) got.append(new String(dst, 0, n, ISO_8859_1));
        assertThat(got.toString()).isEqualTo("hello\r\n.\r\n");
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aScanConsumesWhatItSaysAndLeavesTheRestForTheNextRead() throws IOException {
        var in = reader("DATA\r\nhello\r\n.\r\nQUIT\r\n", 64);
        assertThat(text(in.readLine(100))).isEqualTo("DATA");
        var seen = new StringBuilder();
        boolean more = in.scan((buf, from, to) -> {
            String buffered = new String(buf, from, to - from, ISO_8859_1);
            int end = buffered.indexOf(".\r\n") + 3;
            seen.append(buffered, 0, end);
            return end;
        });
        assertThat(more).isTrue();
        assertThat(seen.toString()).isEqualTo("hello\r\n.\r\n");
        assertThat(text(in.readLine(100))).isEqualTo("QUIT");
    }

    @Test
    void aScanFillsAnEmptyBufferFirstAndSeesEndOfStream() throws IOException {
        var in = reader("abcdefghij", 4);
        var seen = new StringBuilder();
        while (in.scan((buf, from, to) -> {
            seen.append(new String(buf, from, to - from, ISO_8859_1));
            return to - from;
        })) {
            // each call takes one buffer's worth
        }
        assertThat(seen.toString()).isEqualTo("abcdefghij");
        assertThat(flushes).hasValue(4);
    }

    @Test
    void aScannerCannotClaimMoreThanWasBuffered() {
        var in = reader("abc", 16);
        assertThatThrownBy(() -> in.scan((buf, from, to) -> to - from + 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void flushesTheWriterOnlyBeforeWaitingForMoreInput() throws IOException {
        var in = reader("A\r\nB\r\nC\r\n", 64);
        in.readLine(10);
        assertThat(flushes).hasValue(1);
        assertThat(in.buffered()).isPositive();
        in.readLine(10);
        in.readLine(10);
        assertThat(flushes).hasValue(1);
        in.readLine(10);
        assertThat(flushes).hasValue(2);
    }

    @Test
    void theSourceCanBeSwitchedOnlyWithNothingBuffered() throws IOException {
        var in = reader("STARTTLS\r\ninjected\r\n", 64);
        assertThat(text(in.readLine(100))).isEqualTo("STARTTLS");
        var upgraded = new ByteArrayInputStream("after\r\n".getBytes(ISO_8859_1));
        assertThatThrownBy(() -> in.switchSource(upgraded)).isInstanceOf(IllegalStateException.class);
        assertThat(text(in.readLine(100))).isEqualTo("injected");
        in.switchSource(upgraded);
        assertThat(text(in.readLine(100))).isEqualTo("after");
    }
}
