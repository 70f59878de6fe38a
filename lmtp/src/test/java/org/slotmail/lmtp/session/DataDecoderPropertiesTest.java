package org.slotmail.lmtp.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.slotmail.net.LineReader;

/**
 * The decoder scans whole buffers; these properties hold it to the rules applied one byte at a
 * time, the way RFC 5321 §4.1.1.4 and §4.5.2 state them, whatever the buffer boundaries.
 */
class DataDecoderPropertiesTest {
    /** Inputs made mostly of the bytes the rules are about, so every odd case comes up often. */
    @Provide
    Arbitrary<byte[]> dataBlocks() {
        return Arbitraries.of((byte) '.', (byte) '\r', (byte) '\n', (byte) 'a', (byte) 0, (byte) 0xe9)
                .array(byte[].class)
                .ofMaxSize(200)
                .map(body -> {
                    // Always terminated, then a command the decoder must leave alone.
                    byte[] end = "\r\n.\r\nNOOP\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    byte[] all = java.util.Arrays.copyOf(body, body.length + end.length);
                    System.arraycopy(end, 0, all, body.length, end.length);
                    return all;
                });
    }

    @Property(tries = 3000)
    void decodesLikeTheByteAtATimeRules(
            @ForAll("dataBlocks") byte[] input, @ForAll @IntRange(min = 1, max = 40) int bufferSize)
            throws IOException {
        var expected = new DataRules(input);
        var in = new LineReader(new ByteArrayInputStream(input), bufferSize, () -> {});
        var out = new ByteArrayOutputStream();
        DataDecoder.copy(in, out);
        assertThat(out.toByteArray()).isEqualTo(expected.output.toByteArray());
        byte[] rest = new byte[input.length];
        int n = 0;
        for (int b; (b = in.read()) >= 0; ) rest[n++] = (byte) b;
        assertThat(java.util.Arrays.copyOf(rest, n))
                .isEqualTo(java.util.Arrays.copyOfRange(input, expected.consumed, input.length));
    }
}
