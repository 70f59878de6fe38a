package org.slotmail.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile or broken LMTP clients against a real {@code slotmail up}: each gets the right reply
 * or a clean close, nothing partial is stored, and the server keeps serving everyone else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LmtpBadInputIT {
    private static final String USER = "victim@example.com";

    Path data;
    int port;
    SlotmailProcess up;

    @BeforeAll
    void start() throws Exception {
        data = java.nio.file.Files.createTempDirectory("slotmail-lmtp-bad").resolve("data");
        var add = SlotmailProcess.run(
                "pw-secret-lmtp\n", "user", "add", USER, "--password-stdin", "--data", data.toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        int base = 20050 + (int) (ProcessHandle.current().pid() % 300) * 100;
        up = SlotmailProcess.up(data, base, Duration.ofSeconds(60));
        port = base + 24;
        stillServes(); // the account's mail exists from here on
    }

    @AfterAll
    void stop() throws Exception {
        if (up == null) return;
        up.stop();
        var check = SlotmailProcess.run(null, "check", "--data", data.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    }

    /** A raw session: write bytes, read reply lines. */
    final class Raw implements AutoCloseable {
        final Socket socket = new Socket("127.0.0.1", port);
        final InputStream in;
        final OutputStream out;

        Raw() throws IOException {
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            assertThat(line()).startsWith("220");
        }

        Raw send(String s) throws IOException {
            return send(s.getBytes(StandardCharsets.ISO_8859_1));
        }

        Raw send(byte[] b) throws IOException {
            out.write(b);
            out.flush();
            return this;
        }

        /** The final line of the next reply; null when the server closed the connection. */
        String line() throws IOException {
            while (true) {
                var b = new ByteArrayOutputStream();
                int c;
                while ((c = in.read()) != -1 && c != '\n') if (c != '\r') b.write(c);
                if (c == -1) return null;
                String s = b.toString(StandardCharsets.ISO_8859_1);
                if (s.length() < 4 || s.charAt(3) != '-') return s;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private long inboxCount() throws Exception {
        var ls = SlotmailProcess.run(null, "mail", "ls", USER, "INBOX", "--json", "--data", data.toString());
        assertThat(ls.exitCode()).as(ls.err()).isZero();
        return ls.out().chars().filter(c -> c == '{').count();
    }

    private void stillServes() throws IOException {
        try (var lmtp = new LmtpClient("127.0.0.1", port)) {
            var replies = lmtp.deliver(
                    "a@example.org",
                    List.of(USER),
                    "Subject: ok\r\n\r\nstill here\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(replies).singleElement().asString().startsWith("250");
        }
    }

    @Test
    void garbageCommandsGetErrorsAndTheSessionGoesOn() throws Exception {
        try (var s = new Raw()) {
            assertThat(s.send("HELLO THERE\r\n").line()).startsWith("500");
            assertThat(s.send("\u00ff\u00fe\u0001binary\r\n").line()).startsWith("5");
            assertThat(s.send("MAIL FROM:<broken\r\n").line()).startsWith("5");
            assertThat(s.send("LHLO x\r\n").line()).startsWith("250");
            assertThat(s.send("NOOP\r\n").line()).startsWith("250");
        }
        stillServes();
    }

    @Test
    void aOneMegabyteLineIsRefusedWithoutKillingTheSession() throws Exception {
        try (var s = new Raw()) {
            byte[] line = new byte[1 << 20];
            Arrays.fill(line, (byte) 'A');
            s.send(line).send("\r\n");
            assertThat(s.line()).startsWith("500");
            assertThat(s.send("NOOP\r\n").line()).startsWith("250");
        }
        stillServes();
    }

    @Test
    void dataBeforeRcptIsOutOfSequence() throws Exception {
        try (var s = new Raw()) {
            s.send("LHLO x\r\n").line();
            assertThat(s.send("DATA\r\n").line()).startsWith("503");
            assertThat(s.send("MAIL FROM:<a@example.org>\r\n").line()).startsWith("250");
            assertThat(s.send("DATA\r\n").line()).startsWith("503");
        }
        stillServes();
    }

    @Test
    void nulBytesInCommandsAreRefused() throws Exception {
        try (var s = new Raw()) {
            s.send("LHLO x\r\n").line();
            assertThat(s.send("MAIL FROM:<a\0@example.org>\r\n").line()).startsWith("5");
            assertThat(s.send("NOOP\r\n").line()).startsWith("250");
        }
        stillServes();
    }

    @Test
    void aSixtyMegabyteMessageIsRefusedAndNothingIsStored() throws Exception {
        long before = inboxCount();
        try (var s = new Raw()) {
            s.send("LHLO x\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<" + USER + ">\r\nDATA\r\n");
            assertThat(s.line()).startsWith("250");
            assertThat(s.line()).startsWith("250");
            assertThat(s.line()).startsWith("250");
            assertThat(s.line()).startsWith("354");
            s.send("Subject: huge\r\n\r\n");
            byte[] chunk = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] block = new byte[chunk.length * 1000];
            for (int i = 0; i < 1000; i++) System.arraycopy(chunk, 0, block, i * chunk.length, chunk.length);
            for (long sent = 0; sent < 60L * 1024 * 1024; sent += block.length) s.out.write(block);
            s.send(".\r\n");
            assertThat(s.line()).startsWith("552");
            // The session goes on: a normal message in the same session is delivered.
            s.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<" + USER + ">\r\nDATA\r\n");
            assertThat(s.line()).startsWith("250");
            assertThat(s.line()).startsWith("250");
            assertThat(s.line()).startsWith("354");
            assertThat(s.send("Subject: small\r\n\r\nfits\r\n.\r\n").line()).startsWith("250");
        }
        assertThat(inboxCount()).isEqualTo(before + 1);
    }

    @Test
    void aDisconnectInTheMiddleOfDataStoresNothing() throws Exception {
        long before = inboxCount();
        try (var s = new Raw()) {
            s.send("LHLO x\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<" + USER + ">\r\nDATA\r\n");
            for (int i = 0; i < 3; i++) s.line();
            assertThat(s.line()).startsWith("354");
            s.send("Subject: cut off\r\n\r\n" + "partial line\r\n".repeat(100_000));
        } // closed without the final dot
        stillServes();
        assertThat(inboxCount()).isEqualTo(before + 1); // only the stillServes message
    }
}
