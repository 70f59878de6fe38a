package org.slotmail.mail.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class LenientUtf8ReaderTest {
    static String read(Reader reader) throws IOException {
        StringWriter out = new StringWriter();
        reader.transferTo(out);
        return out.toString();
    }

    @Test
    void strayOctetsAreReadAsLatin1() throws IOException {
        byte[] mixed = {'c', 'a', 'f', (byte) 0xC3, (byte) 0xA9, ' ', 'c', 'a', 'f', (byte) 0xE9, '!'};
        assertThat(read(new LenientUtf8Reader(new ByteArrayInputStream(mixed)))).isEqualTo("café café!");
    }

    @Test
    void aSequenceCutAtTheEndIsLatin1() throws IOException {
        byte[] cut = {'x', (byte) 0xE2, (byte) 0x82};
        assertThat(read(new LenientUtf8Reader(new ByteArrayInputStream(cut)))).isEqualTo("x\u00e2\u0082");
    }

    @Property
    void validUtf8ReadsAsUtf8EvenOneOctetAtATime(@ForAll String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        // Lone surrogates are not valid UTF-8; getBytes replaced them with '?' already.
        assertThat(read(new LenientUtf8Reader(trickle))).isEqualTo(new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void declaredCharsetsAreHonouredAndUnknownOnesFallBack() throws IOException {
        byte[] koi8 = "привет".getBytes("KOI8-R");
        assertThat(read(TextDecoding.reader(new ByteArrayInputStream(koi8), "koi8-r")))
                .isEqualTo("привет");
        byte[] euro = {(byte) 0x80};
        assertThat(read(TextDecoding.reader(new ByteArrayInputStream(euro), "ISO-8859-1")))
                .isEqualTo("€");
        byte[] utf8 = "naïve".getBytes(StandardCharsets.UTF_8);
        assertThat(read(TextDecoding.reader(new ByteArrayInputStream(utf8), "x-no-such-charset")))
                .isEqualTo("naïve");
        assertThat(read(TextDecoding.reader(new ByteArrayInputStream(utf8), "us-ascii")))
                .isEqualTo("naïve");
    }
}
