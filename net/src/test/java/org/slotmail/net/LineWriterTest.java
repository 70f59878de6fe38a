package org.slotmail.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineWriterTest {
    /** Remembers each write as the socket would see it. */
    private static final class Writes extends ByteArrayOutputStream {
        final List<String> chunks = new ArrayList<>();
        int flushes;

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            chunks.add(new String(b, off, len, ISO_8859_1));
            super.write(b, off, len);
        }
    }

    @Test
    void aBatchOfLinesGoesOutInOneWrite() throws IOException {
        var sink = new Writes();
        var out = new LineWriter(sink, 1024);
        out.line("250-one").line("250-two").line("250 three");
        assertThat(sink.chunks).isEmpty();
        out.flush();
        assertThat(sink.chunks).containsExactly("250-one\r\n250-two\r\n250 three\r\n");
    }

    @Test
    void aBatchSomewhatLargerThanTheBufferStillGoesOutInOneWrite() throws IOException {
        var sink = new Writes();
        var out = new LineWriter(sink, 16);
        out.line("0123456789").line("abcdefghij");
        out.flush();
        assertThat(sink.chunks).containsExactly("0123456789\r\nabcdefghij\r\n");
    }

    @Test
    void lineBreaksInsideAReplyLineCannotForgeAnotherLine() throws IOException {
        var sink = new Writes();
        var out = new LineWriter(sink, 64);
        out.line("250 ok\r\n250 forged");
        out.flush();
        assertThat(sink.toString(ISO_8859_1)).isEqualTo("250 ok  250 forged\r\n");
    }

    @Test
    void flushingWithNothingNewLeavesTheSinkAlone() throws IOException {
        // A compressing sink would emit an empty deflate block on every idle flush.
        var sink = new Writes();
        var out = new LineWriter(sink, 64);
        out.flush();
        assertThat(sink.flushes).isZero();
        out.line("OK").flush();
        out.flush();
        assertThat(sink.flushes).isEqualTo(1);
    }

    @Test
    void theSinkCanBeSwitchedOnlyOnceEverythingIsFlushed() throws IOException {
        var plain = new Writes();
        var upgraded = new Writes();
        var out = new LineWriter(plain, 64);
        out.line("OK begin TLS");
        assertThatThrownBy(() -> out.switchSink(upgraded)).isInstanceOf(IllegalStateException.class);
        out.flush();
        out.switchSink(upgraded);
        out.line("secret").flush();
        assertThat(plain.toString(ISO_8859_1)).isEqualTo("OK begin TLS\r\n");
        assertThat(upgraded.toString(ISO_8859_1)).isEqualTo("secret\r\n");
    }

    @Test
    void aBulkBatchGoesOutInLargeWritesAndTheNextBatchOnItsOwn() throws IOException {
        var sink = new Writes();
        var out = new LineWriter(sink, 64);
        String line = "* 1 FETCH (FLAGS (\\Seen))"; // 25 bytes and CRLF
        for (int i = 0; i < 10_000; i++) out.line(line);
        out.flush();
        assertThat(sink.size()).isEqualTo(10_000 * 27);
        // 270,000 bytes through a 64-byte buffer: it grows to 64 KiB, then goes out 64 KiB at a time.
        assertThat(sink.chunks).hasSizeLessThan(7);
        assertThat(sink.chunks.stream().mapToInt(String::length).max().orElseThrow())
                .isLessThanOrEqualTo(LineWriter.MAX_BATCH_BUFFER);
        sink.chunks.clear();
        out.line("0123456789012345678901234567890123456789").line("0123456789012345678901234567890123456789");
        out.flush();
        assertThat(sink.chunks).hasSize(1);
        assertThat(sink.chunks.getFirst()).hasSize(84);
    }
}
