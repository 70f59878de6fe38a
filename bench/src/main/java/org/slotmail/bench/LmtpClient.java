package org.slotmail.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One LMTP session (RFC 2033) as an MTA drives it: greeting, LHLO, then transactions whose
 * DATA gets one reply per accepted recipient.
 *
 * <p>Where the server advertises PIPELINING, MAIL, every RCPT and DATA go out in one write and
 * one flush, and the body plus its final dot in another: two round trips per message, as Postfix
 * does. TCP_NODELAY is on so the last segment of a batch is not held back by Nagle's algorithm.
 */
public final class LmtpClient implements Closeable {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END_OF_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Socket socket;
    private final OutputStream out;
    private final ReplyReader replies;
    private final String sender;
    private final boolean pipelining;
    private final boolean sizeExtension;

    private LmtpClient(Socket socket, ReplyReader replies, String sender, List<String> extensions, boolean pipeline)
            throws IOException {
        this.socket = socket;
        // Large enough for a 64 KB message in one write, so one flush is one burst of segments.
        this.out = new BufferedOutputStream(socket.getOutputStream(), 128 * 1024);
        this.replies = replies;
        this.sender = sender;
        this.pipelining = pipeline && extensions.contains("PIPELINING");
        this.sizeExtension = extensions.contains("SIZE");
    }

    /** Connects, reads the greeting and says LHLO; {@code pipeline=false} forces lock-step commands. */
    public static LmtpClient connect(InetSocketAddress server, String sender, Duration timeout, boolean pipeline)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            socket.connect(server, Math.toIntExact(timeout.toMillis()));
            ReplyReader replies = new ReplyReader(new BufferedInputStream(socket.getInputStream(), 16 * 1024));
            expect(replies.read(), 220, "greeting");
            socket.getOutputStream().write(line("LHLO " + MessageFactory.MESSAGE_ID_DOMAIN));
            LmtpReply lhlo = replies.read();
            expect(lhlo, 250, "LHLO");
            return new LmtpClient(socket, replies, sender, extensions(lhlo), pipeline);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    boolean pipelining() {
        return pipelining;
    }

    /** Delivers one message and returns only after every recipient's reply has arrived. */
    public Delivery deliver(byte[] message, List<String> recipients) throws IOException {
        return pipelining ? deliverPipelined(message, recipients) : deliverLockStep(message, recipients);
    }

    private Delivery deliverPipelined(byte[] message, List<String> recipients) throws IOException {
        List<LmtpReply> failures = new ArrayList<>(0);
        out.write(mailFrom(message.length));
        for (String recipient : recipients) {
            out.write(line("RCPT TO:<" + recipient + ">"));
        }
        out.write(line("DATA"));
        out.flush();

        collectFailure(replies.read(), failures);
        int accepted = 0;
        for (int i = 0; i < recipients.size(); i++) {
            accepted += collectFailure(replies.read(), failures) ? 1 : 0;
        }
        LmtpReply data = replies.read();
        if (data.code() != 354) {
            failures.add(data);
            reset();
            return new Delivery(failures);
        }
        sendBody(message);
        // A server that said 354 with no recipient accepted still answers the final dot once.
        for (int i = 0; i < Math.max(accepted, 1); i++) {
            collectFailure(replies.read(), failures);
        }
        return new Delivery(failures);
    }

    private Delivery deliverLockStep(byte[] message, List<String> recipients) throws IOException {
        List<LmtpReply> failures = new ArrayList<>(0);
        if (!collectFailure(command(mailFrom(message.length)), failures)) {
            reset();
            return new Delivery(failures);
        }
        int accepted = 0;
        for (String recipient : recipients) {
            accepted += collectFailure(command(line("RCPT TO:<" + recipient + ">")), failures) ? 1 : 0;
        }
        if (accepted == 0) {
            reset();
            return new Delivery(failures);
        }
        LmtpReply data = command(line("DATA"));
        if (data.code() != 354) {
            failures.add(data);
            reset();
            return new Delivery(failures);
        }
        sendBody(message);
        for (int i = 0; i < accepted; i++) {
            collectFailure(replies.read(), failures);
        }
        return new Delivery(failures);
    }

    private void sendBody(byte[] message) throws IOException {
        out.write(DotStuffing.encode(message));
        out.write(END_OF_DATA);
        out.flush();
    }

    private byte[] mailFrom(int size) {
        return line("MAIL FROM:<" + sender + ">" + (sizeExtension ? " SIZE=" + size : ""));
    }

    private LmtpReply command(byte[] command) throws IOException {
        out.write(command);
        out.flush();
        return replies.read();
    }

    /** After a failed transaction, so the next message starts clean. */
    private void reset() throws IOException {
        expect(command(line("RSET")), 250, "RSET");
    }

    @Override
    public void close() throws IOException {
        try (socket) {
            out.write(line("QUIT"));
            out.flush();
            replies.read();
        } catch (IOException ignored) {
            // The session's work is done; a server that drops the line on QUIT has lost nothing.
        }
    }

    private static boolean collectFailure(LmtpReply reply, List<LmtpReply> failures) {
        if (!reply.positive()) {
            failures.add(reply);
        }
        return reply.positive();
    }

    private static void expect(LmtpReply reply, int code, String step) throws ProtocolException {
        if (reply.code() != code) {
            throw new ProtocolException(step + " failed: " + reply);
        }
    }

    /** The keyword of each LHLO line after the first (the first is the server's name). */
    private static List<String> extensions(LmtpReply lhlo) {
        return lhlo.lines().stream()
                .skip(1)
                .map(l -> l.strip().split(" ", 2)[0].toUpperCase(Locale.ROOT))
                .toList();
    }

    private static byte[] line(String command) {
        byte[] text = command.getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[text.length + CRLF.length];
        System.arraycopy(text, 0, line, 0, text.length);
        System.arraycopy(CRLF, 0, line, text.length, CRLF.length);
        return line;
    }
}
