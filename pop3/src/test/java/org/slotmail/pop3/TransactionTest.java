package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.Account;

/** The TRANSACTION state's commands (RFC 1939 §5, §7) over a real socket and a real store. */
class TransactionTest {
    private static final String ALICE = "alice@example.com";
    private static final String PLAIN = "From: bob@example.org\r\nSubject: one\r\n\r\nline 1\r\nline 2\r\nline 3\r\n";
    /** Lines a POP3 server must byte-stuff, and a last line without CRLF. */
    private static final String DOTTED =
            "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\nafter a lone dot\r\n.";

    @TempDir
    Path dir;

    private TestServer server;
    private Account alice;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        alice = server.user(ALICE);
        server.deliver(alice, PLAIN);
        server.deliver(alice, DOTTED);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static int size(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void statCountsMessagesAndOctets() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(c.ok("STAT")).isEqualTo("+OK 2 " + (size(PLAIN) + size(DOTTED)));
        }
    }

    @Test
    void listGivesEveryMessageOrOne() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(c.multi("LIST")).containsExactly("1 " + size(PLAIN), "2 " + size(DOTTED));
            assertThat(c.ok("LIST 2")).isEqualTo("+OK 2 " + size(DOTTED));
            assertThat(c.err("LIST 3")).isEqualTo("-ERR no such message");
            assertThat(c.err("LIST 0")).isEqualTo("-ERR no such message");
            assertThat(c.err("LIST x")).startsWith("-ERR LIST: not a number");
        }
    }

    @Test
    void uidlIsMailboxIdAndUidWithinRfcLimits() throws Exception {
        String mailboxId = server.inbox(alice).id().value().toString().replace("-", "");
        long[] uids = server.inbox(alice).uids();
        try (var c = server.login(ALICE)) {
            List<String> listing = c.multi("UIDL");
            assertThat(listing).containsExactly("1 " + mailboxId + "." + uids[0], "2 " + mailboxId + "." + uids[1]);
            for (String line : listing) {
                String id = line.substring(line.indexOf(' ') + 1);
                // RFC 1939 §7: 1 to 70 characters in the range 0x21 to 0x7E.
                assertThat(id).hasSizeBetween(1, 70).matches("[\\x21-\\x7e]+");
            }
            assertThat(c.ok("UIDL 2")).isEqualTo("+OK " + listing.get(1));
            assertThat(c.err("UIDL 9")).isEqualTo("-ERR no such message");
        }
    }

    @Test
    void retrSendsTheExactBytes() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(c.ok("LIST 1")).endsWith(" " + size(PLAIN));
            assertThat(new String(c.message("RETR 1"), StandardCharsets.UTF_8)).isEqualTo(PLAIN);
        }
    }

    @Test
    void retrByteStuffsLinesStartingWithADot() throws Exception {
        try (var c = server.login(ALICE)) {
            c.send("RETR 2\r\n");
            assertThat(c.readLine()).startsWith("+OK");
            var wire = new java.util.ArrayList<String>();
            for (String line; !(line = c.readLine()).equals("."); ) wire.add(line);
            assertThat(wire)
                    .containsExactly(
                            "Subject: dots", "", "..leading dot", "...two dots", "..", "after a lone dot", "..");
            // The session goes on after the terminating dot.
            c.ok("NOOP");
        }
    }

    @Test
    void byteStuffingRoundTripsAndTheLastLineGetsItsCrlf() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(new String(c.message("RETR 2"), StandardCharsets.UTF_8)).isEqualTo(DOTTED + "\r\n");
        }
    }

    @Test
    void topWithZeroLinesIsTheHeaderAndTheBlankLine() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(new String(c.message("TOP 1 0"), StandardCharsets.UTF_8))
                    .isEqualTo("From: bob@example.org\r\nSubject: one\r\n\r\n");
        }
    }

    @Test
    void topWithLinesAddsThatManyBodyLines() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(new String(c.message("TOP 1 2"), StandardCharsets.UTF_8))
                    .isEqualTo("From: bob@example.org\r\nSubject: one\r\n\r\nline 1\r\nline 2\r\n");
            assertThat(new String(c.message("TOP 1 99"), StandardCharsets.UTF_8))
                    .isEqualTo(PLAIN);
            assertThat(new String(c.message("TOP 2 2"), StandardCharsets.UTF_8))
                    .isEqualTo("Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n");
            assertThat(c.err("TOP 1")).startsWith("-ERR TOP:");
            assertThat(c.err("TOP 3 0")).isEqualTo("-ERR no such message");
        }
    }

    @Test
    void deleMarksAndHidesTheMessageForTheRestOfTheSession() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(c.ok("DELE 1")).isEqualTo("+OK message 1 deleted");
            assertThat(c.ok("STAT")).isEqualTo("+OK 1 " + size(DOTTED));
            assertThat(c.multi("LIST")).containsExactly("2 " + size(DOTTED));
            assertThat(c.multi("UIDL")).hasSize(1).allMatch(l -> l.startsWith("2 "));
            assertThat(c.err("LIST 1")).isEqualTo("-ERR message 1 already deleted");
            assertThat(c.err("RETR 1")).isEqualTo("-ERR message 1 already deleted");
            assertThat(c.err("TOP 1 0")).isEqualTo("-ERR message 1 already deleted");
            assertThat(c.err("DELE 1")).isEqualTo("-ERR message 1 already deleted");
            // Message numbers do not shift: 2 is still 2.
            assertThat(c.ok("LIST 2")).isEqualTo("+OK 2 " + size(DOTTED));
        }
    }

    @Test
    void rsetUnmarksEverything() throws Exception {
        try (var c = server.login(ALICE)) {
            c.ok("DELE 1");
            c.ok("DELE 2");
            assertThat(c.ok("STAT")).isEqualTo("+OK 0 0");
            assertThat(c.ok("RSET")).startsWith("+OK maildrop has 2 messages");
            assertThat(c.ok("STAT")).isEqualTo("+OK 2 " + (size(PLAIN) + size(DOTTED)));
            c.message("RETR 1");
        }
    }

    @Test
    void noopAnswersOk() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(c.ok("NOOP")).isEqualTo("+OK");
            assertThat(c.err("NOOP now")).startsWith("-ERR NOOP:");
        }
    }

    @Test
    void messagesDeliveredDuringTheSessionWaitForTheNext() throws Exception {
        try (var c = server.login(ALICE)) {
            server.deliver(alice, "Subject: late\r\n\r\nlate\r\n");
            assertThat(c.ok("STAT")).startsWith("+OK 2 ");
            assertThat(c.err("RETR 3")).isEqualTo("-ERR no such message");
        }
        try (var c = server.login(ALICE)) {
            assertThat(c.ok("STAT")).startsWith("+OK 3 ");
        }
    }

    @Test
    void aLargeMessageStreamsByteForByte() throws Exception {
        // Larger than the store's in-memory read and than any buffer on the way; dotted lines throughout.
        var big = new ByteArrayOutputStream();
        big.writeBytes("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        var random = new java.util.Random(42);
        while (big.size() < 3 * 1024 * 1024) {
            String line = (random.nextInt(5) == 0 ? "." : "") + "x".repeat(random.nextInt(120));
            big.writeBytes((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] message = big.toByteArray();
        server.deliver(alice, message);
        try (var c = server.login(ALICE)) {
            assertThat(c.ok("LIST 3")).isEqualTo("+OK 3 " + message.length);
            assertThat(c.message("RETR 3")).isEqualTo(message);
            c.ok("NOOP");
        }
    }
}
