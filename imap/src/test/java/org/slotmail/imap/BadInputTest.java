package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slotmail.mailbox.MailboxName;

/** Hostile or broken input gets BAD, NO or a clean close, and never disturbs another session. */
class BadInputTest {
    @TempDir
    Path dir;

    TestServer server;
    ImapTestClient bystander;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        server.user("alice@example.com");
        server.deliver(server.accounts.find("alice@example.com").orElseThrow(), "Subject: x\r\n\r\nx\r\n");
        bystander = server.login("alice@example.com");
        bystander.ok("SELECT INBOX");
    }

    @AfterEach
    void stop() throws Exception {
        // Whatever the other client did, this one is still served.
        assertThat(bystander.ok("FETCH 1 (FLAGS)")).anyMatch(l -> l.startsWith("* 1 FETCH"));
        bystander.close();
        server.close();
    }

    @Test
    void aHundredKilobyteLineIsRefusedAndTheConnectionClosed() throws Exception {
        try (var c = new ImapTestClient(server.server.port())) {
            c.send("a NOOP " + "x".repeat(100_000) + "\r\n");
            assertThat(c.readLine()).startsWith("* BYE [TOOBIG]");
            assertThat(c.readLine()).isNull();
        }
    }

    @Test
    void aSynchronizingLiteralOfTwoGigabytesIsRefusedWithoutAskingForIt() throws Exception {
        try (var c = server.login("alice@example.com")) {
            c.send("a APPEND INBOX {2147483648}\r\n");
            assertThat(c.readLine()).startsWith("a NO [TOOBIG]");
            c.ok("NOOP");
        }
    }

    @Test
    void aNonSynchronizingLiteralTooLargeToSkipClosesTheConnection() throws Exception {
        try (var c = server.login("alice@example.com")) {
            c.send("a APPEND INBOX {2147483648+}\r\nSubject: ");
            assertThat(c.readLine()).startsWith("a NO [TOOBIG]");
            assertThat(c.readLine()).startsWith("* BYE");
        }
    }

    @Test
    void aLiteralInAnArgumentTooLargeIsRefused() throws Exception {
        try (var c = new ImapTestClient(server.server.port())) {
            c.send("a LOGIN {99999999}\r\n");
            assertThat(c.readLine()).startsWith("a NO [TOOBIG]");
            c.ok("NOOP");
        }
    }

    @Test
    void aClientLeavingInsideALiteralLeavesNothingBehind() throws Exception {
        try (var c = server.login("alice@example.com")) {
            c.send("a APPEND INBOX {100}\r\n");
            assertThat(c.readLine()).startsWith("+ ");
            c.send("Subject: half");
        }
        assertThat(bystander.ok("STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 1)");
    }

    @Test
    void tenThousandPipelinedCommandsAreAllAnsweredInOrder() throws Exception {
        try (var c = server.login("alice@example.com")) {
            var batch = new StringBuilder();
            for (int i = 0; i < 10_000; i++) batch.append("p").append(i).append(" NOOP\r\n");
            Thread.ofVirtual().start(() -> {
                try {
                    c.send(batch.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            for (int i = 0; i < 10_000; i++) assertThat(c.readLine()).isEqualTo("p" + i + " OK NOOP completed");
        }
    }

    @Test
    void badMailboxNamesAreRefused() throws Exception {
        try (var c = server.login("alice@example.com")) {
            assertThat(c.command("CREATE \"&Jjo\"").getLast()).startsWith("t2 NO");
            assertThat(c.command("CREATE \"&AGE-\"").getLast()).startsWith("t3 NO"); // encoded ASCII
            assertThat(c.command("CREATE \"a/../b\"").getLast()).startsWith("t4 NO");
            assertThat(c.command("CREATE \"/abs\"").getLast()).startsWith("t5 NO");
            assertThat(c.command("CREATE \"a*b\"").getLast()).startsWith("t6 NO");
            c.send(("t7 CREATE \"a\0b\"\r\n").getBytes(StandardCharsets.UTF_8));
            assertThat(c.until("t7").getLast()).startsWith("t7 BAD");
            c.send("t8 CREATE {3}\r\n");
            assertThat(c.readLine()).startsWith("+ ");
            c.send(new byte[] {'a', 0, 'b', '\r', '\n'});
            assertThat(c.until("t8").getLast()).startsWith("t8 BAD");
            assertThat(c.command("SELECT \"..\"").getLast()).matches("t\\d+ NO .*");
            // U+0085 (NEL, a C1 control) and U+2028 (LINE SEPARATOR) in modified UTF-7 and UTF-8.
            assertThat(c.command("CREATE \"a&AIU-b\"").getLast()).matches("t\\d+ NO .*");
            assertThat(c.command("CREATE \"a&ICg-b\"").getLast()).matches("t\\d+ NO .*");
            assertThat(c.command("CREATE \"" + "x".repeat(MailboxName.MAX_LENGTH + 1) + "\"")
                            .getLast())
                    .matches("t\\d+ NO .*");
            List<String> list = c.ok("LIST \"\" *");
            assertThat(list).noneMatch(l -> l.contains("..") || l.contains("a*b"));
        }
    }

    @Test
    void deeplyNestedParenthesesAreRefused() throws Exception {
        try (var c = server.login("alice@example.com")) {
            c.ok("SELECT INBOX");
            String nested = "(".repeat(5000) + "ALL" + ")".repeat(5000);
            assertThat(c.command("SEARCH " + nested).getLast()).startsWith("t3 BAD");
            c.ok("NOOP");
        }
    }

    @Test
    void garbageAndCommandsInTheWrongStateGetBad() throws Exception {
        try (var c = new ImapTestClient(server.server.port())) {
            assertThat(c.command("FROBNICATE").getLast()).startsWith("t1 BAD");
            assertThat(c.command("SELECT INBOX").getLast()).startsWith("t2 BAD");
            assertThat(c.command("FETCH 1 FLAGS").getLast()).startsWith("t3 BAD");
            c.send("\u0001\u0002 \r\n");
            assertThat(c.readLine()).startsWith("* BAD");
            assertThat(c.command("LOGIN alice@example.com pw-secret-wrong").getLast())
                    .startsWith("t4 NO [AUTHENTICATIONFAILED]");
        }
    }

    @Test
    void sequenceNumbersBeyondTheMailboxAreBad() throws Exception {
        try (var c = server.login("alice@example.com")) {
            c.ok("SELECT INBOX");
            assertThat(c.command("FETCH 5 FLAGS").getLast()).startsWith("t3 BAD");
            assertThat(c.command("UID FETCH 5 FLAGS").getLast()).startsWith("t4 OK");
        }
    }
}
