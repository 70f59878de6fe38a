package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever a client sends, it gets -ERR and the session goes on, until it has sent too much nonsense. */
class BadInputTest {
    private static final String ALICE = "alice@example.com";

    @TempDir
    Path dir;

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dir);
        var alice = server.user(ALICE);
        server.deliver(alice, "Subject: 1\r\n\r\none\r\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aLineTooLongIsRefusedAndTheSessionGoesOn() throws Exception {
        try (var c = server.login(ALICE)) {
            assertThat(c.err("LIST " + "1".repeat(100_000))).isEqualTo("-ERR line too long");
            c.ok("STAT");
        }
    }

    @Test
    void aLineOfAFewKilobytesIsStillACommand() throws Exception {
        // RFC 2449 §4 asks for 255 octets; SASL responses run longer, so more is accepted.
        try (var c = server.connect()) {
            assertThat(c.ok("USER " + "x".repeat(3000))).isEqualTo("+OK send PASS");
        }
    }

    @Test
    void nulAndControlCharactersAreRefused() throws Exception {
        try (var c = server.login(ALICE)) {
            c.send("LIST\0 1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.readLine()).startsWith("-ERR");
            c.send("RETR 1\0\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.readLine()).startsWith("-ERR RETR: NUL");
            c.send("DELE\t1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.readLine()).startsWith("-ERR");
            c.ok("STAT");
        }
    }

    @Test
    void garbageAndUnknownCommandsGetErrAndTheSessionGoesOn() throws Exception {
        try (var c = server.connect()) {
            assertThat(c.err("HELLO")).isEqualTo("-ERR unknown command");
            assertThat(c.err("APOP alice 0123456789abcdef")).isEqualTo("-ERR APOP is not supported");
            c.send(new byte[] {(byte) 0xff, (byte) 0xfe, 0x01, '\r', '\n'});
            assertThat(c.readLine()).isEqualTo("-ERR unknown command");
            c.send("\r\n");
            assertThat(c.readLine()).isEqualTo("-ERR unknown command");
            assertThat(c.err("STAT extra")).startsWith("-ERR");
            c.ok("USER " + ALICE);
            c.ok("PASS " + TestServer.password(ALICE));
        }
    }

    @Test
    void tooManyBadCommandsCloseTheConnection() throws Exception {
        try (var c = server.connect()) {
            for (int i = 1; i < 10; i++) assertThat(c.err("BOGUS" + i)).isEqualTo("-ERR unknown command");
            assertThat(c.err("BOGUS10")).contains("too many bad commands");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (var c = server.connect()) {
            // RFC 2449 §6.6: the client may send many commands at once.
            c.send("USER " + ALICE + "\r\nPASS " + TestServer.password(ALICE)
                    + "\r\nSTAT\r\nLIST\r\nUIDL 1\r\nRETR 1\r\nBOGUS\r\nTOP 1 0\r\nNOOP\r\nQUIT\r\n");
            var replies = new ArrayList<String>();
            for (String line; (line = c.readLine()) != null; ) replies.add(line);
            assertThat(replies).hasSize(19);
            assertThat(replies.get(0)).startsWith("+OK send PASS");
            assertThat(replies.get(1)).startsWith("+OK logged in");
            assertThat(replies.get(2)).matches("\\+OK 1 \\d+");
            assertThat(replies.get(3)).startsWith("+OK 1 messages");
            assertThat(replies.get(4)).matches("1 \\d+");
            assertThat(replies.get(5)).isEqualTo(".");
            assertThat(replies.get(6)).matches("\\+OK 1 [0-9a-f]{32}\\.1");
            assertThat(replies.subList(7, 12)).containsExactly("+OK 19 octets", "Subject: 1", "", "one", ".");
            assertThat(replies.get(12)).isEqualTo("-ERR unknown command");
            assertThat(replies.subList(13, 17)).containsExactly("+OK top of message follows", "Subject: 1", "", ".");
            assertThat(replies.get(17)).isEqualTo("+OK");
            assertThat(replies.get(18)).startsWith("+OK").contains("signing off");
        }
    }
}
