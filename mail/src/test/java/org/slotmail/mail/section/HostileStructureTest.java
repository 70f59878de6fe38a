package org.slotmail.mail.section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.slotmail.mail.section.TestMessages.bytes;
import static org.slotmail.mail.section.TestMessages.layout;
import static org.slotmail.mail.section.TestMessages.numbering;
import static org.slotmail.mail.section.TestMessages.summary;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slotmail.mail.BodyStructure;
import org.slotmail.mail.MessageSummary;
import org.slotmail.mail.search.MessageTextSearch;
import org.slotmail.mail.search.TextQuery;

/**
 * Structures built to exhaust a parser: ten thousand nested multiparts or encapsulated messages,
 * and a hundred thousand parts. Parsing, the summary cache, section layout and text search all
 * finish quickly on them without a StackOverflowError, report at most {@link
 * MessageSummary#MAX_DEPTH} levels and {@link MessageSummary#MAX_PARTS} parts, and agree on the
 * part numbers.
 */
class HostileStructureTest {
    private static final int LEVELS = 10_000;

    @Test
    void tenThousandNestedMultipartsAreCutOffAtTheDepthLimit() {
        // Boundaries that are not prefixes of one another: past the depth limit, where mime4j reads
        // a container as one opaque body, it and the layout disagree on where a boundary that is
        // a prefix of a deeper one ("L15" of "L150") ends that body (see docs/security.md).
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LEVELS; i++) {
            String boundary = "L" + i + "x";
            sb.append("Content-Type: multipart/mixed; boundary=" + boundary + "\r\n\r\n--" + boundary + "\r\n");
        }
        sb.append("\r\nneedle\r\n");
        for (int i = LEVELS - 1; i >= 0; i--) sb.append("--L" + i + "x--\r\n");

        BodyStructure body = everythingOn(bytes(sb.toString()), "needle");

        assertThat(depth(body)).isLessThanOrEqualTo(MessageSummary.MAX_DEPTH + 1);
    }

    @Test
    void tenThousandNestedMessagesAreCutOffAtTheDepthLimit() {
        String message = "Content-Type: message/rfc822\r\n\r\n".repeat(LEVELS) + "Subject: deep\r\n\r\nneedle\r\n";

        BodyStructure body = everythingOn(bytes(message), "needle");

        assertThat(depth(body)).isEqualTo(MessageSummary.MAX_DEPTH + 1);
    }

    @Test
    void nestedMessagesInsideMultipartsAreCutOffAtTheDepthLimit() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LEVELS / 2; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=M")
                    .append(i)
                    .append("\r\n\r\n--M")
                    .append(i)
                    .append("\r\nContent-Type: message/rfc822\r\n\r\n");
        }
        sb.append("Subject: x\r\n\r\nneedle\r\n");

        BodyStructure body = everythingOn(bytes(sb.toString()), "needle");

        assertThat(depth(body)).isLessThanOrEqualTo(MessageSummary.MAX_DEPTH + 1);
    }

    @Test
    void aHundredThousandPartsAreCutOffAtThePartLimit() {
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 100_000; i++) sb.append("--b\r\n\r\np").append(i).append("\r\n");
        sb.append("--b--\r\n");

        BodyStructure body = everythingOn(bytes(sb.toString()), "p99999");

        assertThat(((BodyStructure.Multipart) body).parts()).hasSizeLessThan(MessageSummary.MAX_PARTS);
    }

    /**
     * Runs everything the server does with a stored message, within a time bound (a hang fails
     * the test instead of stalling it), checks they agree, and returns the body structure.
     */
    private static BodyStructure everythingOn(byte[] raw, String word) {
        return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            MessageSummary summary = summary(raw);
            assertThat(MessageSummary.fromBytes(summary.toBytes())).isEqualTo(summary);
            MessageLayout layout = layout(raw);
            assertThat(numbering(layout)).isEqualTo(numbering(summary.body()));
            // The deepest part a client can name, and one past it.
            List<Integer> deepest = Collections.nCopies(MessageSummary.MAX_DEPTH + 1, 1);
            layout.locate(SectionPath.of(deepest, SectionPath.Specifier.NONE)).length(MessageSource.of(raw));
            assertThat(layout.part(Collections.nCopies(LEVELS, 1))).isEmpty();
            MessageTextSearch.matches(new ByteArrayInputStream(raw), new TextQuery.Text(word));
            MessageTextSearch.matches(new ByteArrayInputStream(raw), new TextQuery.Body("absent"));
            return summary.body();
        });
    }

    private static int depth(BodyStructure node) {
        return switch (node) {
            case BodyStructure.Single s -> 1 + (s.message() == null ? 0 : depth(s.message()));
            case BodyStructure.Multipart m ->
                1
                        + m.parts().stream()
                                .mapToInt(HostileStructureTest::depth)
                                .max()
                                .orElse(0);
        };
    }
}
