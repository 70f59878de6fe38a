package org.slotmail.net;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A line protocol for tests that can upgrade: greets, upper-cases lines, and knows STARTTLS,
 * COMPRESS, STATUS, PROTOCOLS, UPLOAD n, DOWNLOAD n seed and REPEAT n. Protocol errors become
 * "BAD reason", as IMAP's would.
 */
final class UpgradingEcho implements ConnectionHandler {
    private final SSLContext tls;

    UpgradingEcho(SSLContext tls) {
        this.tls = tls;
    }

    @Override
    public void serve(Connection c) throws IOException {
        c.out().line("hello");
        while (true) {
            c.awaitingCommand(true);
            Line line = c.in().readLine(1000);
            c.awaitingCommand(false);
            switch (line) {
                case Line.End() -> {
                    if (c.stopping()) c.out().line("bye");
                    return;
                }
                case Line.TooLong(long n) -> c.out().line("BAD too long " + n);
                case Line.Text t -> execute(c, t.latin1().split(" "));
            }
        }
    }

    private void execute(Connection c, String[] words) throws IOException {
        try {
            switch (words[0]) {
                case "STARTTLS" -> c.startTls(tls, "OK begin TLS now");
                case "COMPRESS" -> c.startCompression("OK DEFLATE active");
                case "STATUS" ->
                    c.out()
                            .line(c.tls().map(NegotiatedTls::toString).orElse("plain")
                                    + (c.isCompressed() ? " compressed" : " uncompressed"));
                case "PROTOCOLS" -> c.out().line(String.join(" ", ((SSLSocket) c.socket()).getEnabledProtocols()));
                case "UPLOAD" -> c.out().line("SHA " + sha256(read(c, Integer.parseInt(words[1]))));
                case "DOWNLOAD" -> {
                    byte[] bytes = payload(Integer.parseInt(words[1]), Long.parseLong(words[2]));
                    c.out().write(bytes, 0, bytes.length).line("END");
                }
                case "REPEAT" -> {
                    byte[] bytes = "x".repeat(Integer.parseInt(words[1])).getBytes();
                    c.out().write(bytes, 0, bytes.length).line("END");
                }
                default -> c.out().line(String.join(" ", words).toUpperCase());
            }
        } catch (IllegalStateException e) {
            c.out().line("BAD " + e.getMessage());
        }
    }

    @Override
    public void refuse(Connection c, Refusal why) throws IOException {
        c.out().line("busy " + why);
    }

    private static byte[] read(Connection c, int n) throws IOException {
        byte[] bytes = new byte[n];
        for (int done = 0; done < n; ) {
            int got = c.in().read(bytes, done, n - done);
            if (got < 0) throw new IOException("client went away during upload");
            done += got;
        }
        return bytes;
    }

    /**
     * Test data that is half text and half noise, in 4 KiB runs, so a compressor meets both what it
     * shrinks and what it must store.
     */
    static byte[] payload(int n, long seed) {
        var random = new Random(seed);
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        for (int run = 0; run < n; run += 8192) {
            for (int i = run; i < Math.min(n, run + 4096); i++) bytes[i] = (byte) ('a' + (i % 26));
        }
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
