package org.slotmail.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal LMTP server for one connection. With PIPELINING it reads MAIL, every RCPT and DATA
 * before answering any of them, so a client that waits for a reply between those commands stalls
 * (and its test fails on the read timeout) instead of passing by accident.
 */
final class FakeLmtpServer implements AutoCloseable {
    private final ServerSocket listener;
    private final boolean pipelining;
    private final Set<String> rejected;
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<String> bodies = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeLmtpServer(boolean pipelining, Set<String> rejected) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.pipelining = pipelining;
        this.rejected = rejected;
        this.thread = Thread.ofVirtual().start(this::serve);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void serve() {
        try (Socket socket = listener.accept()) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            reply(out, "220 fake ready");
            in.readLine();
            reply(
                    out,
                    "250-fake\r\n250-SIZE 100000000\r\n" + (pipelining ? "250-PIPELINING\r\n" : "") + "250 8BITMIME");
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                if (line.startsWith("MAIL")) {
                    transaction(in, out, line);
                } else if (line.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // The test's own assertions report what went wrong; the socket just closes.
        }
    }

    private void transaction(BufferedReader in, OutputStream out, String mail) throws IOException {
        List<String> replies = new ArrayList<>(List.of("250 2.1.0 ok"));
        List<String> accepted = new ArrayList<>();
        String line = pipelining ? in.readLine() : null;
        if (!pipelining) {
            reply(out, replies.removeFirst());
            line = in.readLine();
        }
        while (line.startsWith("RCPT")) {
            commands.add(line);
            String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
            String answer = rejected.contains(address) ? "550 5.1.1 no such user" : "250 2.1.5 ok";
            if (!rejected.contains(address)) {
                accepted.add(address);
            }
            if (pipelining) {
                replies.add(answer);
            } else {
                reply(out, answer);
            }
            line = in.readLine();
        }
        commands.add(line);
        replies.add(accepted.isEmpty() ? "503 5.5.1 no valid recipients" : "354 go ahead");
        reply(out, String.join("\r\n", replies));
        if (accepted.isEmpty()) {
            return;
        }
        StringBuilder body = new StringBuilder();
        while (!(line = in.readLine()).equals(".")) {
            body.append(line).append("\r\n");
        }
        bodies.add(body.toString());
        List<String> finals =
                accepted.stream().map(a -> "250 2.0.0 <" + a + "> saved").toList();
        reply(out, String.join("\r\n", finals));
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        thread.join(5000);
    }
}
