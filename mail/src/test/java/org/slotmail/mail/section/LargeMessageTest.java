package org.slotmail.mail.section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.mail.section.TestMessages.bytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotmail.mail.MessageSummary;

/** A message with a 10 MB part, generated as it is read: never held in memory by the test or the code. */
class LargeMessageTest {
    private static final String HEAD = "Subject: big\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            + "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    private static final String TAIL = "--b\r\nContent-Type: text/plain\r\n\r\nsmall tail\r\n--b--\r\n";
    /** 76 base64 characters decode to 57 octets ("AAA" repeated). */
    private static final byte[] LINE = bytes("QUFB".repeat(19) + "\r\n");

    private static final int LINES = 10 * 1024 * 1024 / LINE.length + 1;

    /** A fresh stream over the generated message each time. */
    private static final MessageSource SOURCE = () -> new SequenceInputStream(Collections.enumeration(List.of(
            new ByteArrayInputStream(bytes(HEAD)), new RepeatedLines(), new ByteArrayInputStream(bytes(TAIL)))));

    private static final long SIZE = HEAD.length() + (long) LINES * LINE.length + TAIL.length();

    @Test
    void aTenMegabytePartIsLocatedAndDecodedStreaming() throws IOException {
        MessageLayout layout = MessageLayout.scan(SOURCE);
        assertThat(layout.size()).isEqualTo(SIZE);

        // The big part's body ends before the CRLF of the last line (it belongs to the boundary).
        Section big = layout.locate(SectionPath.of(List.of(1), SectionPath.Specifier.NONE));
        assertThat(big.length(SOURCE)).isEqualTo((long) LINES * LINE.length - 2);
        assertThat(big.length(SOURCE)).isGreaterThan(10L * 1024 * 1024);

        BinarySection.Content decoded = (BinarySection.Content) layout.binary(List.of(1));
        assertThat(decoded.decodedSize(SOURCE)).isEqualTo(57L * LINES);

        Section tail = layout.locate(SectionPath.of(List.of(2), SectionPath.Specifier.NONE));
        assertThat(new String(tail.toByteArray(SOURCE), StandardCharsets.US_ASCII))
                .isEqualTo("small tail");

        try (InputStream in = SOURCE.open()) {
            MessageSummary summary = MessageSummary.parse(in);
            assertThat(TestMessages.numbering(layout)).isEqualTo(TestMessages.numbering(summary.body()));
        }
    }

    /** {@link #LINES} copies of {@link #LINE}, produced on demand. */
    private static final class RepeatedLines extends InputStream {
        private long position;
        private final long size = (long) LINES * LINE.length;

        @Override
        public int read() {
            if (position >= size) return -1;
            return LINE[(int) (position++ % LINE.length)];
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (position >= size) return -1;
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) buf[off + i] = LINE[(int) ((position + i) % LINE.length)];
            position += n;
            return n;
        }
    }
}
