package org.slotmail.lmtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile or broken clients get an answer and the session keeps its footing. */
class BadInputTest {
    private final TestServer server = new TestServer();

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    @Test
    void aOneMegabyteLineGets500AndTheSessionGoesOn() throws IOException {
        var c = server.connect().greet();
        c.write("NOOP " + "x".repeat(1 << 20) + "\r\nNOOP\r\n");
        assertThat(c.line()).isEqualTo("500 5.5.2 line too long");
        assertThat(c.line()).isEqualTo("250 2.0.0 OK");
    }

    @Test
    void binaryGarbageGets500AndTheSessionGoesOn() throws IOException {
        var c = server.connect().greet();
        c.write(new byte[] {(byte) 0xff, (byte) 0xfe, 0x01, 0x7f, '\r', '\n'});
        assertThat(c.line()).startsWith("500 5.5.2 ");
        assertThat(c.send("")).startsWith("500 5.5.2 ");
        assertThat(c.send("   ")).startsWith("500 5.5.2 ");
        assertThat(c.send("NOOP")).isEqualTo("250 2.0.0 OK");
    }

    @Test
    void aCommandWithNulIsRejected() throws IOException {
        var c = server.connect().greet();
        assertThat(c.send("NOOP\0")).startsWith("501 5.5.4 ");
        assertThat(c.send("MAIL FROM:<a\0b@example.net>")).startsWith("501 5.5.4 ");
        assertThat(c.send("MAIL FROM:<ab@example.net>")).startsWith("250 ");
    }

    @Test
    void controlAndEightBitCharactersInCommandsAreRejected() throws IOException {
        var c = server.connect().greet();
        assertThat(c.send("MAIL FROM:<a@example.net>\rX-Injected: 1")).startsWith("501 5.5.4 ");
        assertThat(c.send("MAIL FROM:<j\u00f6rg@example.net>")).startsWith("501 5.5.4 ");
    }

    @Test
    void aClientNameWithoutDomainCharactersIsCleanedInTheReceivedHeader() throws IOException {
        var c = server.connect();
        c.line();
        c.write("LHLO evil(name);Bcc:<x@y>\r\n");
        c.reply();
        c.send("MAIL FROM:<\"odd \\\" sender\"@example.net>");
        c.send("RCPT TO:<bob@example.com>");
        c.send("DATA");
        c.write("Subject: clean\r\n\r\n.\r\n");
        assertThat(c.line()).startsWith("250 ");
        String stored = server.store.stored.getFirst().text();
        assertThat(stored)
                .startsWith(
                        "Return-Path: <\"odd \\\" sender\"@example.net>\r\nReceived: from evil?name??Bcc:?x?y? ([127.0.0.1])\r\n");
    }

    @Test
    void quotedLocalPartsAndSourceRoutesAreAcceptedAndMalformedPathsGet501() throws IOException {
        var c = server.connect().greet();
        assertThat(c.send("MAIL FROM:<@relay.example,@other.example:s@example.net>"))
                .startsWith("250 ");
        assertThat(c.send("RCPT TO:<\"alice\"@example.com>")).startsWith("250 2.1.5 <alice@example.com>");
        assertThat(c.send("RCPT TO:<@relay.example:bob@example.com>")).startsWith("250 2.1.5 <bob@example.com>");
        assertThat(c.send("RCPT TO:<\"unterminated@example.com>")).startsWith("501 5.1.3 ");
        assertThat(c.send("RCPT TO:<a@@example.com>")).startsWith("501 5.1.3 ");
        assertThat(c.send("RCPT TO:alice@example.com")).startsWith("501 5.1.3 ");
        assertThat(c.send("RCPT TO:<alice@example.com> NOTIFY=NEVER")).startsWith("555 5.5.4 ");
        assertThat(c.send("RCPT FOR:<alice@example.com>")).startsWith("501 5.5.4 ");
    }
}
