package org.slotmail.it;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A minimal LMTP client (RFC 2033) for tests: one transaction at a time, replies per recipient. */
final class LmtpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    LmtpClient(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream());
        expect(reply(), "220");
        send("LHLO test.example\r\n");
        expect(reply(), "250");
    }

    /** Sends one message; returns each recipient's reply line (the store acknowledged a 250). */
    List<String> deliver(String from, List<String> recipients, byte[] message) throws IOException {
        var sb = new StringBuilder("MAIL FROM:<" + from + ">\r\n");
        for (String r : recipients) sb.append("RCPT TO:<").append(r).append(">\r\n");
        sb.append("DATA\r\n");
        send(sb.toString()); // pipelined (RFC 2920)
        expect(reply(), "250");
        var accepted = new ArrayList<String>();
        var results = new ArrayList<String>();
        for (String r : recipients) {
            String line = reply();
            if (line.startsWith("250")) accepted.add(r);
            else results.add(line);
        }
        String data = reply();
        if (!data.startsWith("354")) return List.of(data);
        out.write(dotStuff(message));
        out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var replies = new ArrayList<String>();
        for (int i = 0; i < accepted.size(); i++) replies.add(reply());
        replies.addAll(results);
        return replies;
    }

    private static byte[] dotStuff(byte[] message) {
        var b = new ByteArrayOutputStream(message.length + 64);
        boolean lineStart = true;
        for (byte c : message) {
            if (lineStart && c == '.') b.write('.');
            b.write(c);
            lineStart = c == '\n';
        }
        if (!lineStart) b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private void send(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One whole reply (the last line of a multi-line reply). */
    String reply() throws IOException {
        while (true) {
            var line = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') if (c != '\r') line.write(c);
            if (c == -1) throw new IOException("connection closed");
            String s = line.toString(StandardCharsets.UTF_8);
            if (s.length() < 4 || s.charAt(3) != '-') return s;
        }
    }

    private static void expect(String line, String code) throws IOException {
        if (!line.startsWith(code)) throw new IOException("expected " + code + " but got: " + line);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
