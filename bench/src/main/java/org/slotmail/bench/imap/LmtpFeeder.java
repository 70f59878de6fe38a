package org.slotmail.bench.imap;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills one account's INBOX over LMTP (RFC 2033) with messages {@code 0..count-1} of a corpus,
 * from several sessions at once. Each session pipelines MAIL, RCPT and DATA (the servers under
 * test offer PIPELINING) and waits for the message's 250 before taking the next index, so every
 * message is stored once the call returns. Messages reach the mailbox roughly, not exactly, in
 * index order, since sessions overtake each other.
 */
final class LmtpFeeder {
    private static final String SENDER = "bench@example.net";

    private LmtpFeeder() {}

    /** Delivers every message; throws on the first reply that is not positive. */
    static void deliver(
            InetSocketAddress server,
            MailboxCorpus corpus,
            String recipient,
            long count,
            int sessions,
            Duration timeout)
            throws IOException, InterruptedException {
        AtomicLong next = new AtomicLong();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> running = new ArrayList<>(sessions);
            for (int s = 0; s < sessions; s++) {
                running.add(executor.submit(() -> {
                    session(server, corpus, recipient, count, next, timeout);
                    return null;
                }));
            }
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    executor.shutdownNow();
                    if (e.getCause() instanceof IOException io) throw io;
                    throw new IOException("LMTP session failed: " + e.getCause(), e.getCause());
                }
            }
        }
    }

    private static void session(
            InetSocketAddress server,
            MailboxCorpus corpus,
            String recipient,
            long count,
            AtomicLong next,
            Duration timeout)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            socket.connect(server, Math.toIntExact(timeout.toMillis()));
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            expect(in, '2', "greeting");
            out.write(ascii("LHLO bench.example.net\r\n"));
            out.flush();
            expect(in, '2', "LHLO");
            byte[] envelope = ascii("MAIL FROM:<" + SENDER + ">\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
            for (long i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                out.write(envelope);
                out.flush();
                expect(in, '2', "MAIL FROM");
                expect(in, '2', "RCPT TO");
                expect(in, '3', "DATA");
                writeDotStuffed(out, corpus.message(i));
                out.write(ascii(".\r\n"));
                out.flush();
                expect(in, '2', "message " + i);
            }
            out.write(ascii("QUIT\r\n"));
            out.flush();
        }
    }

    /** RFC 5321 §4.5.2: a line starting with a dot gets another one. */
    static void writeDotStuffed(OutputStream out, byte[] message) throws IOException {
        int start = 0;
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '.' && (i == 0 || message[i - 1] == '\n')) {
                out.write(message, start, i - start);
                out.write('.');
                start = i;
            }
        }
        out.write(message, start, message.length - start);
    }

    /** Reads one (possibly multi-line) reply and checks its first digit. */
    private static void expect(InputStream in, char firstDigit, String what) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line.length() < 3) throw new ProtocolException("short LMTP reply to " + what + ": " + line);
            if (line.charAt(0) != firstDigit) throw new ProtocolException("LMTP " + what + ": " + line);
            if (line.length() == 3 || line.charAt(3) != '-') return;
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new ProtocolException("LMTP server closed the connection");
            if (c != '\r') line.append((char) c);
        }
        return line.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
