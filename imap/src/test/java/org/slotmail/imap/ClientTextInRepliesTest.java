package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client sends never comes back in a form that forges a response line (a bare CR, other
 * control characters), and a password, right or wrong, never comes back at all.
 */
class ClientTextInRepliesTest {
    private static final String FORGED = "\r* OK [ALERT] forged\r";
    private static final String WRONG_PASSWORD = "pw-secret-Wr0ng-Pa55word-7x";

    @TempDir
    Path dir;

    @Test
    void bareCarriageReturnsAndControlCharactersNeverReachAResponseLine() throws Exception {
        try (var server = new TestServer(dir)) {
            server.user("alice@example.com");
            try (var c = server.login("alice@example.com")) {
                List<String> lines = new ArrayList<>();
                for (String command : List.of(
                        "x" + FORGED + " NOOP",
                        "a FROB" + FORGED,
                        "b CREATE \"box" + FORGED + "\"",
                        "c SELECT \"no" + FORGED + "\"",
                        "d STATUS INBOX (MESSAGES" + FORGED + ")",
                        "e SEARCH CHARSET \"x" + FORGED + "\" ALL",
                        "f SELECT INBOX",
                        "g SEARCH SUBJECT \"" + FORGED + "\"",
                        "h FETCH 1:* (BODY[HEADER.FIELDS (X" + FORGED + ")])",
                        "i ID (\"name\" \"" + FORGED + "\")",
                        "j ENABLE X" + FORGED,
                        "k NOOP")) {
                    c.send(command + "\r\n");
                }
                while (true) {
                    String line = c.readLine();
                    assertThat(line).isNotNull();
                    lines.add(line);
                    if (line.startsWith("k ")) break;
                }
                assertThat(lines)
                        .allSatisfy(line -> assertThat(line.chars()).noneMatch(ch -> ch < 0x20 || ch == 0x7f))
                        .noneMatch(line -> line.startsWith("* OK [ALERT] forged"));
            }
        }
    }

    @Test
    void aPasswordIsNeverEchoedInAnyReply() throws Exception {
        try (var server = new TestServer(dir)) {
            server.user("alice@example.com");
            String right = TestServer.password("alice@example.com");
            try (var c = new ImapTestClient(server.server.port())) {
                List<String> replies = new ArrayList<>();
                replies.addAll(c.command("LOGIN alice@example.com " + WRONG_PASSWORD));
                replies.addAll(c.command("LOGIN alice@example.com " + WRONG_PASSWORD + " extra"));
                replies.addAll(c.command("LOGIN alice@example.com \"" + WRONG_PASSWORD + "\0\""));
                replies.addAll(c.command("LOGIN nobody@example.com " + WRONG_PASSWORD));
                String plain = Base64.getEncoder()
                        .encodeToString(("\0alice@example.com\0" + WRONG_PASSWORD).getBytes(StandardCharsets.UTF_8));
                replies.addAll(c.command("AUTHENTICATE PLAIN " + plain));
                replies.addAll(c.command("AUTHENTICATE PLAIN " + plain + "!!"));
                replies.addAll(c.command("AUTHENTICATE PLAIN " + plain.substring(0, plain.length() - 3)));
                replies.addAll(c.command("AUTHENTICATE FOO " + plain));
                replies.addAll(c.command("LOGIN alice@example.com " + right));
                replies.addAll(c.command("LOGIN alice@example.com " + right));
                assertThat(replies)
                        .noneMatch(line -> line.contains(WRONG_PASSWORD)
                                || line.contains(plain.substring(4, 20))
                                || line.contains(right.substring(3)));
                assertThat(replies).anyMatch(line -> line.matches("t\\d+ OK.*"));
            }
        }
    }
}
