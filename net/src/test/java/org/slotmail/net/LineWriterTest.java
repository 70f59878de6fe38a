package org.slotmail.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineWriterTest {
    /** Remembers each write as the socket would see it. */
    private static final class Writes extends ByteArrayOutputStream {
        final List<String> chunks = new ArrayList<>();

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
    void aBatchLargerThanTheBufferIsWrittenInPieces() throws IOException {
        var sink = new Writes();
        var out = new LineWriter(sink, 16);
        out.line("0123456789").line("abcdefghij");
        out.flush();
        assertThat(sink.toString(ISO_8859_1)).isEqualTo("0123456789\r\nabcdefghij\r\n");
        assertThat(sink.chunks).hasSize(2);
    }

    @Test
    void lineBreaksInsideAReplyLineCannotForgeAnotherLine() throws IOException {
        var sink = new Writes();
        var out = new LineWriter(sink, 64);
        out.line("250 ok\r\n250 forged");
        out.flush();
        assertThat(sink.toString(ISO_8859_1)).isEqualTo("250 ok  250 forged\r\n");
    }
}
