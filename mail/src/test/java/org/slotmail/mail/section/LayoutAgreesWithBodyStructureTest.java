package org.slotmail.mail.section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slotmail.mail.section.TestMessages.bytes;
import static org.slotmail.mail.section.TestMessages.crlf;
import static org.slotmail.mail.section.TestMessages.layout;
import static org.slotmail.mail.section.TestMessages.numbering;
import static org.slotmail.mail.section.TestMessages.summary;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slotmail.mail.MessageSummary;

/**
 * The layout numbers parts exactly as BODYSTRUCTURE does, with the same sizes: otherwise
 * BODY[n] would not be the part a client saw in BODYSTRUCTURE.
 */
class LayoutAgreesWithBodyStructureTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                // An open delimiter with only LF after it at the very end opens one more, empty part...
                "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b\n",
                // ... but with CRLF it does not (mime4j skips the pair).
                "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none\r\n--b\r\n",
                // A delimiter cutting a part's header short.
                "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n--b\n\ntwo\n--b--\n",
                // An inner boundary that the outer one is a prefix of.
                "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: multipart/mixed; boundary=bb\n\n"
                        + "--bb\n\nin\n--b\n\nout\n--b--\n",
                // An outer delimiter right after an inner one, and junk after delimiters.
                "Content-Type: multipart/mixed; boundary=o\n\n--o junk\nContent-Type: multipart/mixed; boundary=i\n\n"
                        + "--i\n\nx\n--i x\n--o\n\ny\n--o--junk\n",
                "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                        + "--i\n--o\n\ny\n",
                "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                        + "--i x\r\n--o\n\ny\n",
                "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                        + "--i--\r\n--o\n\ny\n",
                // No parts at all: an empty one is reported.
                "Content-Type: multipart/mixed; boundary=b\n\njust a preamble\n",
                "Content-Type: multipart/mixed; boundary=b\n\n--b--\n",
                // message/rfc822 at the top, and inside a digest by default.
                "Content-Type: message/rfc822\n\nSubject: in\nContent-Type: multipart/mixed; boundary=x\n\n--x\n\na\n--x--\n",
                "Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: m1\n\nbody\n--d\nContent-Type: text/plain\n\nt\n--d--\n",
                // "--" anywhere on a delimiter line makes it the close delimiter.
                "Content-Type: multipart/mixed; boundary=b\n\n--b\n\none\n--b x--y\n\nnot a part\n",
                // A field whose line starts with CRs still counts (mime4j trims the name).
                "\r\rContent-Type: message/rfc822\r\n\r\nSubject: x\r\n\r\nbody\r\n",
                // Found by MessageBytesFuzzTest: after an inner delimiter line only a line break is
                // left, and it belongs to the outer delimiter; no inner part follows (and one
                // does when there is more than a line break).
                "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                        + "--i\n\nx\n--i\r\n\n--o\n\ny\n--o--\n",
                "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                        + "--i\n\nx\n--i\n\r\n--o\n\ny\n--o--\n",
                "Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: multipart/mixed; boundary=i\n\n"
                        + "--i\n\nx\n--i\n\n\n--o\n\ny\n--o--\n",
                "Content-Type: multipart/digest; boundary=d\n\n--d\n\nContent-Type: multipart/mixed; boundary=c\n\n"
                        + "--c\r\n\r\ntwo\r\n--c\r\n\n--d\n\nSubject: m1\n\nbody\n--d--\n",
                // A part that is only a line break, and a boundary at the start of the body.
                "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--b\n\n\n--b--\n",
            })
    void trickyBoundaries(String message) {
        byte[] raw = bytes(message);
        assertThat(numbering(layout(raw))).isEqualTo(numbering(summary(raw).body()));
        assertThat(layout(raw).size()).isEqualTo(raw.length);
    }

    @Property(tries = 2000)
    void randomMimeMessagesAgree(@ForAll("randomMime") String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        MessageLayout layout = layout(raw);
        assertThat(numbering(layout))
                .as(message)
                .isEqualTo(numbering(summary(raw).body()));
        assertThat(layout.root().bodyStart()).isEqualTo(summary(raw).headerSize());
    }

    @Provide
    Arbitrary<String> randomMime() {
        return Arbitraries.randomValue(random -> new RandomMime(random).message());
    }

    @Property(tries = 500)
    void mutatedMessagesAgree(@ForAll("mutated") byte[] raw) {
        assertThat(numbering(layout(raw))).isEqualTo(numbering(summary(raw).body()));
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.randomValue(random -> {
            byte[] seed = bytes(new RandomMime(random).message());
            for (int edits = random.nextInt(4); edits > 0 && seed.length > 0; edits--) {
                int at = random.nextInt(seed.length);
                seed[at] = (byte) "-\r\n b:".charAt(random.nextInt(6));
            }
            return seed;
        });
    }

    @Property(tries = 300)
    void everyEntityIsAnOrderedSliceOfTheMessage(@ForAll("randomMime") String message) {
        byte[] raw = message.getBytes(StandardCharsets.UTF_8);
        MessageLayout layout = layout(raw);
        checkNested(layout.root(), 0, raw.length);
    }

    private static void checkNested(MessageLayout.Entity e, long from, long to) {
        assertThat(e.start()).isBetween(from, to);
        assertThat(e.bodyStart()).isBetween(e.start(), e.end());
        assertThat(e.end()).isBetween(e.bodyStart(), to);
        long previousEnd = e.bodyStart();
        for (MessageLayout.Entity part : e.parts()) {
            checkNested(part, previousEnd, e.end());
            previousEnd = part.end();
        }
        if (e.message() != null) {
            assertThat(e.message().start()).isEqualTo(e.bodyStart());
            assertThat(e.message().end()).isEqualTo(e.end());
            checkNested(e.message(), e.bodyStart(), e.end());
        }
    }

    @org.junit.jupiter.api.Test
    void nestingPastTheDepthLimitIsOpaqueInBoth() {
        int depth = MessageSummary.MAX_DEPTH + 5;
        String message = "Content-Type: message/rfc822\n\n".repeat(depth) + "Subject: deep\n\nbody\n";
        byte[] raw = bytes(crlf(message));
        List<String> expected = numbering(summary(raw).body());
        assertThat(numbering(layout(raw))).isEqualTo(expected);
        // The top-level message and MAX_DEPTH encapsulated ones; the innermost is opaque.
        assertThat(expected).hasSize(MessageSummary.MAX_DEPTH + 1);
    }

    @org.junit.jupiter.api.Test
    void partsPastTheLimitAreMissingInBoth() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < MessageSummary.MAX_PARTS + 20; i++) {
            sb.append("--b\n");
            if (i % 1000 == 7) sb.append("Content-Type: message/rfc822\n\nSubject: x\n\nin\n");
            else sb.append("\np").append(i).append('\n');
        }
        sb.append("--b--\n");
        byte[] raw = bytes(sb.toString());
        List<String> expected = numbering(summary(raw).body());
        assertThat(numbering(layout(raw))).isEqualTo(expected);
        assertThat(expected.size()).isLessThan(MessageSummary.MAX_PARTS);
    }

    @org.junit.jupiter.api.Test
    void randomSeedsFromEarlierFailuresAgree() {
        // Fixed seeds keep a spread of shapes in every run, independent of jqwik's choices.
        for (long seed = 0; seed < 3000; seed++) {
            byte[] raw = bytes(new RandomMime(new Random(seed)).message());
            assertThat(numbering(layout(raw)))
                    .as("seed %d: %s", seed, new String(raw, StandardCharsets.UTF_8))
                    .isEqualTo(numbering(summary(raw).body()));
        }
    }
}
