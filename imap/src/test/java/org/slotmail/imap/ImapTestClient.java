package org.slotmail.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw IMAP client for protocol tests: sends exact bytes and returns every line the server
 * sent up to the tagged completion, literals included inline, so tests can assert on transcripts.
 */
final class ImapTestClient implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final String greeting;
    private int tags;

    ImapTestClient(int port) throws IOException {
        this(null, port);
    }

    /**
     * A client whose socket is bound to {@code localAddress} (e.g. 127.0.0.2: Linux routes all of
     * 127/8 to loopback), so tests can play several client addresses; null for any.
     */
    ImapTestClient(String localAddress, int port) throws IOException {
        socket = new Socket();
        if (localAddress != null) socket.bind(new java.net.InetSocketAddress(localAddress, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        greeting = readLine();
    }

    /** Sends "tag command" and returns all response lines, the tagged one last. */
    List<String> command(String command) throws IOException {
        String tag = "t" + (++tags);
        send(tag + " " + command + "\r\n");
        return until(tag);
    }

    /** Runs a command and asserts it completed OK; returns its untagged responses and the OK. */
    List<String> ok(String command) throws IOException {
        List<String> lines = command(command);
        assertThat(lines.getLast()).as("response to %s: %s", command, lines).matches("t\\d+ OK.*");
        return lines;
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Lines until one starts with {@code tag + " "}. */
    List<String> until(String tag) throws IOException {
        var lines = new ArrayList<String>();
        while (true) {
            String line = readLine();
            if (line == null) throw new IOException("connection closed; got " + lines);
            lines.add(line);
            if (line.startsWith(tag + " ")) return lines;
        }
    }

    /** One response line; a trailing literal is read and appended (CRLF-joined), repeatedly. */
    String readLine() throws IOException {
        var sb = new StringBuilder();
        while (true) {
            String raw = rawLine();
            if (raw == null) return sb.isEmpty() ? null : sb.toString();
            sb.append(raw);
            int open = raw.lastIndexOf('{');
            if (raw.endsWith("}") && open >= 0) {
                int size = Integer.parseInt(raw.substring(open + 1, raw.length() - 1));
                byte[] literal = in.readNBytes(size);
                sb.append("\r\n").append(new String(literal, StandardCharsets.UTF_8));
                continue;
            }
            return sb.toString();
        }
    }

    private String rawLine() throws IOException {
        var buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.UTF_8);
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
