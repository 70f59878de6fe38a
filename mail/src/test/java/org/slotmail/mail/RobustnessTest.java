package org.slotmail.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.slotmail.mail.Messages.crlf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Hostile and broken input: parse never throws, stays bounded, and keeps its sizes exact. */
class RobustnessTest {
    private static final List<String> SEEDS = List.of(
            crlf("From: a@example.com\nSubject: plain\n\nbody line\nsecond\n"),
            crlf("""
                    From: "A" <a@example.com>
                    To: g: b@example.com, c@example.com;
                    Content-Type: multipart/mixed; boundary="b"

                    pre
                    --b
                    Content-Type: text/plain

                    one
                    --b
                    Content-Type: multipart/alternative; boundary=c

                    --c

                    two
                    --c
                    Content-Type: text/html

                    <p>three</p>
                    --c--
                    --b
                    Content-Type: message/rfc822

                    Subject: inner
                    Content-Type: multipart/mixed; boundary=d

                    --d

                    four
                    --d--
                    --b--
                    epi
                    """),
            crlf("Content-Type: message/rfc822\n\nContent-Type: message/rfc822\n\nSubject: deep\n\nx\n"));

    @Property(tries = 500)
    void randomBytesNeverMakeParseThrow(@ForAll byte[] raw) {
        checkInvariants(raw);
    }

    @Property(tries = 1000)
    void mutatedMessagesNeverMakeParseThrow(@ForAll("mutated") byte[] raw) {
        checkInvariants(raw);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.randomValue(RobustnessTest::mutate);
    }

    /** A seed message with a few random edits: flips, cuts, copies, and MIME-ish insertions. */
    private static byte[] mutate(Random random) {
        byte[] seed = SEEDS.get(random.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(seed);
        String[] inserts = {
            "\r\n",
            "\n",
            "\r",
            "\0",
            "--b",
            "--b--",
            "--c\r\n",
            ": ",
            "\r\n\r\n",
            " ",
            "\u00ff",
            "Content-Type: multipart/mixed; boundary=b\r\n",
            "Content-Type: message/rfc822\r\n\r\n",
            "<",
            "\"",
            "("
        };
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            byte[] b = out.toByteArray();
            out.reset();
            int at = b.length == 0 ? 0 : random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (b.length > 0) b[at] = (byte) random.nextInt(256);
                    out.writeBytes(b);
                }
                case 1 -> {
                    int len = Math.min(b.length - at, random.nextInt(40));
                    out.write(b, 0, at);
                    out.write(b, at + len, b.length - at - len);
                }
                case 2 -> {
                    int len = Math.min(b.length - at, random.nextInt(60));
                    out.write(b, 0, at);
                    out.write(b, at, len);
                    out.write(b, at, b.length - at);
                }
                default -> {
                    out.write(b, 0, at);
                    out.writeBytes(inserts[random.nextInt(inserts.length)].getBytes(StandardCharsets.ISO_8859_1));
                    out.write(b, at, b.length - at);
                }
            }
        }
        return out.toByteArray();
    }

    /** What holds for any input: sizes within bounds, exact for a top-level leaf, and it caches. */
    private static void checkInvariants(byte[] raw) {
        // A hang in the parser must fail the run, not stall it.
        MessageSummary summary = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Messages.parse(raw));
        assertThat(summary.headerSize()).isBetween(0L, (long) raw.length);
        assertThat(summary.envelope()).isNotNull();
        assertThat(summary.body()).isNotNull();
        if (summary.body() instanceof BodyStructure.Single leaf && !leaf.type().equals("message")) {
            long bodyLines = 0;
            for (int i = (int) summary.headerSize(); i < raw.length; i++) if (raw[i] == '\n') bodyLines++;
            assertThat(leaf.size()).isEqualTo(raw.length - summary.headerSize());
            if (leaf.type().equals("text")) assertThat(leaf.lines()).isEqualTo(bodyLines);
        }
        checkNode(summary.body(), raw.length);
        assertThat(MessageSummary.fromBytes(summary.toBytes())).isEqualTo(summary);
    }

    private static void checkNode(BodyStructure node, long limit) {
        switch (node) {
            case BodyStructure.Single s -> {
                assertThat(s.size()).isBetween(0L, limit);
                assertThat(s.lines()).isBetween(-1L, limit);
                assertThat(s.type()).isNotBlank();
                assertThat(s.encoding()).isNotBlank();
                boolean message = s.type().equals("message")
                        && (s.subtype().equals("rfc822") || s.subtype().equals("global"));
                assertThat(s.envelope() != null).isEqualTo(message);
                assertThat(s.message() != null).isEqualTo(message);
                if (message) checkNode(s.message(), s.size());
            }
            case BodyStructure.Multipart m -> {
                assertThat(m.parts()).isNotEmpty();
                m.parts().forEach(p -> checkNode(p, limit));
            }
        }
    }

    @Test
    void deepMultipartNestingIsCutOffAndSiblingsStillParse() throws IOException {
        int levels = 300;
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=top\r\n\r\n--top\r\n");
        for (int i = 0; i < levels; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=L")
                    .append(i)
                    .append("\r\n\r\n--L")
                    .append(i)
                    .append("\r\n");
        }
        sb.append("\r\ninnermost\r\n");
        for (int i = levels - 1; i >= 0; i--) sb.append("--L").append(i).append("--\r\n");
        sb.append("--top\r\nContent-Type: text/plain\r\n\r\nsibling\r\n--top--\r\n");

        MessageSummary summary = Messages.parse(sb.toString());

        BodyStructure.Multipart top = (BodyStructure.Multipart) summary.body();
        assertThat(depth(top)).isLessThanOrEqualTo(MessageParser.MAX_DEPTH + 1);
        BodyStructure.Single sibling = (BodyStructure.Single) top.parts().get(1);
        assertThat(sibling.type()).isEqualTo("text");
        assertThat(sibling.size()).isEqualTo(7);
        assertThat(MessageSummary.fromBytes(summary.toBytes())).isEqualTo(summary);
    }

    @Test
    void deepMessageNestingIsCutOff() {
        String inner = "Subject: bottom\r\n\r\nx\r\n";
        for (int i = 0; i < 300; i++) inner = "Content-Type: message/rfc822\r\n\r\n" + inner;

        MessageSummary summary = Messages.parse(inner);

        assertThat(depth(summary.body())).isLessThanOrEqualTo(MessageParser.MAX_DEPTH + 1);
        BodyStructure node = summary.body();
        while (node instanceof BodyStructure.Single s && s.message() != null) node = s.message();
        BodyStructure.Single last = (BodyStructure.Single) node;
        assertThat(last.type()).isEqualTo("application");
        assertThat(last.size()).isPositive();
    }

    private static int depth(BodyStructure node) {
        return switch (node) {
            case BodyStructure.Single s -> 1 + (s.message() == null ? 0 : depth(s.message()));
            case BodyStructure.Multipart m ->
                1 + m.parts().stream().mapToInt(RobustnessTest::depth).max().orElse(0);
        };
    }

    @Test
    void partCountIsBounded() {
        int parts = MessageParser.MAX_PARTS + 500;
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < parts; i++) sb.append("--b\r\n\r\np").append(i).append("\r\n");
        sb.append("--b--\r\n");

        MessageSummary summary = Messages.parse(sb.toString());

        assertThat(count(summary.body())).isLessThanOrEqualTo(MessageParser.MAX_PARTS);
        List<BodyStructure> recorded = ((BodyStructure.Multipart) summary.body()).parts();
        assertThat(((BodyStructure.Single) recorded.get(1)).size()).isEqualTo(2);
    }

    private static int count(BodyStructure node) {
        return switch (node) {
            case BodyStructure.Single s -> 1 + (s.message() == null ? 0 : count(s.message()));
            case BodyStructure.Multipart m ->
                1 + m.parts().stream().mapToInt(RobustnessTest::count).sum();
        };
    }

    @Test
    void overlongHeaderLineKeepsEarlierFieldsAndExactSizes() {
        String longLine = "X-Long: " + "a".repeat(MessageParser.MAX_FIELD_BYTES + 10) + "\r\n";
        // mime4j reads one line ahead to find where a field ends, so the field just before the
        // overlong line is lost with it; fields before that one are kept.
        String header = "Subject: before\r\nX-Lost: y\r\n" + longLine + "Subject: after\r\n\r\n";
        String body = "body\r\n";

        MessageSummary summary = Messages.parse(header + body);

        assertThat(summary.envelope().subject()).isEqualTo("before");
        assertThat(summary.headerSize()).isEqualTo(header.length());
        BodyStructure.Single leaf = (BodyStructure.Single) summary.body();
        assertThat(leaf.size()).isEqualTo(body.length());
        assertThat(leaf.lines()).isEqualTo(1);
    }

    @Test
    void overlongHeaderInAPartKeepsTheEarlierParts() {
        String message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nfirst\r\n--b\r\nX-Long: "
                + "a".repeat(MessageParser.MAX_FIELD_BYTES + 10) + "\r\n\r\nsecond\r\n--b--\r\n";

        MessageSummary summary = Messages.parse(message);

        BodyStructure.Multipart root = (BodyStructure.Multipart) summary.body();
        assertThat(((BodyStructure.Single) root.parts().getFirst()).size()).isEqualTo(5);
    }

    @Test
    void longHeaderValueIsCappedInMemory() {
        String subject = "s".repeat(HeaderBlock.MAX_VALUE_BYTES * 3);
        MessageSummary summary = Messages.parse("Subject: " + subject + "\r\n\r\nx");
        assertThat(summary.envelope().subject()).hasSizeLessThanOrEqualTo(HeaderBlock.MAX_VALUE_BYTES);
    }

    @Test
    void veryLongBodyLinesAreCountedExactly() {
        String body = "x".repeat(5 * 1024 * 1024);
        String message = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\n" + body + "\r\n--b--\r\n";
        BodyStructure.Multipart root =
                (BodyStructure.Multipart) Messages.parse(message).body();
        assertThat(((BodyStructure.Single) root.parts().getFirst()).size()).isEqualTo(body.length());
    }

    @Test
    void largeMessageIsStreamedNotBuffered() throws IOException {
        // 64 MiB generated on the fly: the test itself never holds it, so neither may the parser.
        long bodySize = 64L * 1024 * 1024;
        String head = "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: application/octet-stream"
                + "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        String tail = "\r\n--b--\r\n";
        InputStream in = new SequenceInputStream(
                new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)),
                new SequenceInputStream(
                        new Base64Lines(bodySize), new ByteArrayInputStream(tail.getBytes(StandardCharsets.US_ASCII))));

        MessageSummary summary = MessageSummary.parse(in);

        BodyStructure.Single part = (BodyStructure.Single)
                ((BodyStructure.Multipart) summary.body()).parts().getFirst();
        assertThat(part.size()).isEqualTo(bodySize);
    }

    /** Base64-looking lines of 76 chars plus CRLF, {@code size} octets in all, made as read. */
    private static final class Base64Lines extends InputStream {
        private long left;
        private long pos;

        Base64Lines(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left == 0) return -1;
            int n = (int) Math.min(len, left);
            for (int i = 0; i < n; i++, pos++) {
                int col = (int) (pos % 78);
                b[off + i] = col == 76 ? (byte) '\r' : col == 77 ? (byte) '\n' : (byte) ('A' + col % 26);
            }
            left -= n;
            return n;
        }
    }

    @Test
    void sourceFailureIsReportedAsIOException() {
        byte[] start = crlf("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: message/rfc822\n\n"
                        + "Subject: inner\n\npartial")
                .getBytes(StandardCharsets.US_ASCII);
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        });
        assertThatThrownBy(() -> MessageSummary.parse(failing))
                .isInstanceOf(IOException.class)
                .hasMessage("disk gone");
    }
}
