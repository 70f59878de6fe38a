package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decompression bombs through COMPRESS=DEFLATE (RFC 4978): a megabyte of deflate that inflates
 * to a gigabyte (deflate's ratio tops out near 1:1000) must meet the same line and literal limits
 * as plain input, end the connection with BYE as soon as a limit is passed rather than after the
 * whole bomb was inflated, and never disturb another session.
 */
class DecompressionBombTest {
    private static final int MEGABYTE = 1 << 20;

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
        assertThat(bystander.ok("FETCH 1 (FLAGS)")).anyMatch(l -> l.startsWith("* 1 FETCH"));
        bystander.close();
        server.close();
    }

    @Test
    void aGigabyteLineWithoutLineFeedIsCutOffAtTheLineLimit() throws Exception {
        try (var c = compressed()) {
            // No LF is ever sent: the BYE comes only from a server that stops reading at the limit.
            sendBomb(c, "a NOOP ", 1024);
            assertThat(readLine(c.zin)).startsWith("* BYE [TOOBIG]");
            assertThat(readLine(c.zin)).isNull();
        }
    }

    @Test
    void aGigabyteLineWhileIdlingIsCutOffAtTheLineLimit() throws Exception {
        try (var c = compressed()) {
            var deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            c.client.send(deflate(deflater, "i SELECT INBOX\r\nj IDLE\r\n".getBytes(StandardCharsets.US_ASCII)));
            String line;
            while ((line = readLine(c.zin)) != null && !line.startsWith("+ ")) {}
            assertThat(line).startsWith("+ ");
            sendBomb(c, deflater, "", 1024);
            assertThat(readLine(c.zin)).startsWith("j BAD");
            assertThat(readLine(c.zin)).startsWith("* BYE [TOOBIG]");
            assertThat(readLine(c.zin)).isNull();
        }
    }

    @Test
    void aGigabyteLiteralPastTheLimitEndsTheConnection() throws Exception {
        try (var c = compressed()) {
            sendBomb(c, "a APPEND INBOX {1073741824+}\r\n", 1024);
            assertThat(readLine(c.zin)).startsWith("a NO [TOOBIG]");
            assertThat(readLine(c.zin)).startsWith("* BYE");
            assertThat(readLine(c.zin)).isNull();
        }
        assertThat(bystander.ok("STATUS INBOX (MESSAGES)")).contains("* STATUS INBOX (MESSAGES 1)");
    }

    @Test
    void aBombOfManyShortLinesIsAnsweredLineByLineWithBoundedWork() throws Exception {
        // Plenty of valid NOOPs inflated from little input: each is one command, answered in
        // order; the command rate limit, not memory, is what bounds the cost.
        try (var c = compressed()) {
            byte[] commands = "n NOOP\r\n".repeat(2000).getBytes(StandardCharsets.US_ASCII);
            var deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
            c.client.send(deflate(deflater, commands));
            for (int i = 0; i < 2000; i++) assertThat(readLine(c.zin)).startsWith("n OK");
        }
    }

    /** A logged-in client that has turned compression on in both directions. */
    private record Compressed(ImapTestClient client, InputStream zin) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            client.close();
        }
    }

    private Compressed compressed() throws IOException {
        var c = server.login("alice@example.com");
        assertThat(c.command("COMPRESS DEFLATE").getLast()).startsWith("t2 OK");
        return new Compressed(c, new InflaterInputStream(c.in, new Inflater(true)));
    }

    /**
     * Sends {@code prefix} and then {@code megabytes} MB of 'x' without a line break, deflated
     * (about 1 KB per MB), from another thread.
     * The same flushed deflate blocks are sent again and again: after the first megabyte they
     * only point back into a window of 'x', so each copy inflates to one more megabyte.
     */
    private static void sendBomb(Compressed c, String prefix, int megabytes) {
        sendBomb(c, new Deflater(Deflater.BEST_COMPRESSION, true), prefix, megabytes);
    }

    /** The same, continuing the deflate stream {@code deflater} has already started. */
    private static void sendBomb(Compressed c, Deflater deflater, String prefix, int megabytes) {
        byte[] xs = new byte[MEGABYTE];
        Arrays.fill(xs, (byte) 'x');
        byte[] head = deflate(deflater, concat(prefix.getBytes(StandardCharsets.US_ASCII), xs));
        byte[] block = deflate(deflater, xs);
        assertThat(block.length).isLessThan(4096);
        Thread.ofVirtual().start(() -> {
            try {
                c.client.send(head);
                for (int i = 1; i < megabytes; i++) c.client.send(block);
            } catch (IOException e) {
                // The server closed the connection: what it did not read it never inflated.
            }
        });
    }

    private static byte[] deflate(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        var out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) out.write(buf, 0, n);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** One line from the inflated responses, byte by byte (see TlsAndCompressionTest); null at the end. */
    private static String readLine(InputStream in) throws IOException {
        var sb = new StringBuilder();
        int b;
        try {
            while ((b = in.read()) >= 0 && b != '\n') if (b != '\r') sb.append((char) b);
        } catch (java.io.EOFException e) {
            b = -1;
        }
        return b < 0 && sb.isEmpty() ? null : sb.toString();
    }
}
