package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mail.MessageSummary;

/**
 * Messages built to exhaust a server (10,000 nested multiparts or encapsulated messages, 100,000
 * parts) are delivered, and BODYSTRUCTURE, section fetches and SEARCH on them answer within
 * seconds with at most {@link MessageSummary#MAX_DEPTH} levels, never a crash or a stuck session.
 */
class HostileMimeTest {
    private static final int LEVELS = 10_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandNestedMultipartsAreDeliveredAndAnsweredWithinTheDepthLimit() throws Exception {
        var sb = new StringBuilder("Subject: nested\r\n");
        for (int i = 0; i < LEVELS; i++) {
            sb.append("Content-Type: multipart/mixed; boundary=B" + i + "x\r\n\r\n--B" + i + "x\r\n");
        }
        sb.append("\r\nneedle\r\n");
        for (int i = LEVELS - 1; i >= 0; i--) sb.append("--B" + i + "x--\r\n");
        exercise(sb.toString());
    }

    @Test
    void tenThousandNestedMessagesAreDeliveredAndAnsweredWithinTheDepthLimit() throws Exception {
        exercise("Subject: nested\r\n" + "Content-Type: message/rfc822\r\n\r\n".repeat(LEVELS)
                + "Subject: bottom\r\n\r\nneedle\r\n");
    }

    @Test
    void aHundredThousandPartsAreDeliveredAndAnsweredWithinThePartLimit() throws Exception {
        var sb = new StringBuilder("Subject: wide\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 100_000; i++) sb.append("--b\r\n\r\np").append(i).append("\r\n");
        sb.append("--b\r\n\r\nneedle\r\n--b--\r\n");
        exercise(sb.toString());
    }

    @Test
    void aBase64PartThatOnceBrokeTextSearchIsSearchedLikeAnyOther() throws Exception {
        // Found by MessageBytesFuzzTest: the SEARCH failed with an IOException, which ended the
        // connection, so one such message in a mailbox broke every BODY and TEXT search there.
        try (var server = new TestServer(dir)) {
            var alice = server.user("alice@example.com");
            server.deliver(
                    alice,
                    "Subject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
                            + "Content-Transfer-Encoding: base64\r\n\r\n====\r\nZm91bmQ=\r\n");
            try (var c = server.login("alice@example.com")) {
                c.ok("SELECT INBOX");
                assertThat(c.ok("SEARCH BODY absent")).contains("* SEARCH");
                assertThat(c.ok("SEARCH TEXT Subject")).contains("* SEARCH 1");
            }
        }
    }

    private void exercise(String message) throws Exception {
        try (var server = new TestServer(dir)) {
            var alice = server.user("alice@example.com");
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                server.deliver(alice, message);
                try (var c = server.login("alice@example.com")) {
                    c.ok("SELECT INBOX");
                    List<String> structure = c.ok("FETCH 1 BODYSTRUCTURE");
                    String line = structure.getFirst();
                    assertThat(line).startsWith("* 1 FETCH (BODYSTRUCTURE (");
                    assertThat(maxParenthesisDepth(line)).isLessThan(4 * (MessageSummary.MAX_DEPTH + 2));
                    String deep = "1" + ".1".repeat(MessageSummary.MAX_DEPTH);
                    c.ok("FETCH 1 (BODY.PEEK[" + deep + "] BODY.PEEK[" + deep + ".MIME] BINARY.SIZE[1])");
                    c.ok("FETCH 1 (BODY.PEEK[" + "1.".repeat(LEVELS / 10) + "1])");
                    // Text nested past the depth limit is not searched; the search still ends.
                    c.ok("SEARCH TEXT needle");
                    c.ok("SEARCH BODY absent-word");
                    assertThat(c.ok("SEARCH TEXT Subject")).contains("* SEARCH 1");
                }
            });
        }
    }

    private static int maxParenthesisDepth(String s) {
        int depth = 0;
        int max = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '(') max = Math.max(max, ++depth);
            else if (s.charAt(i) == ')') depth--;
        }
        return max;
    }
}
