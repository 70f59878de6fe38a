package org.slotmail.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw POP3 client for protocol tests: sends exact bytes, reads status lines and multi-line
 * responses (un-stuffing them as RFC 1939 §3 says), so tests can assert on what went over the wire.
 */
final class Pop3TestClient implements AutoCloseable {
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    final String greeting;

    private Pop3TestClient(Socket socket) throws IOException {
        use(socket);
        greeting = readLine();
    }

    static Pop3TestClient connect(int port) throws IOException {
        return new Pop3TestClient(new Socket("127.0.0.1", port));
    }

    /** Connects from a given local address (any of 127/8 on Linux), as a client elsewhere would. */
    static Pop3TestClient connectFrom(int port, String source) throws IOException {
        var socket = new Socket();
        socket.bind(new java.net.InetSocketAddress(source, 0));
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        return new Pop3TestClient(socket);
    }

    /** Connects to an implicit-TLS port (POP3S). */
    static Pop3TestClient connectTls(int port, SSLContext trusting) throws IOException {
        var tls = (SSLSocket) trusting.getSocketFactory().createSocket("localhost", port);
        tls.startHandshake();
        return new Pop3TestClient(tls);
    }

    /** After the server's go-ahead to STLS: the TLS handshake on the same connection. */
    SSLSocket startTls(SSLContext trusting) throws IOException {
        var tls = (SSLSocket) trusting.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
        tls.startHandshake();
        use(tls);
        return tls;
    }

    private void use(Socket s) throws IOException {
        socket = s;
        socket.setSoTimeout(20_000);
        in = new BufferedInputStream(s.getInputStream());
        out = s.getOutputStream();
    }

    /** Sends a command line and returns the status line. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return readLine();
    }

    /** Sends a command and asserts +OK; returns the status line. */
    String ok(String line) throws IOException {
        String status = command(line);
        assertThat(status).as("reply to %s", line).startsWith("+OK");
        return status;
    }

    /** Sends a command and asserts -ERR; returns the status line. */
    String err(String line) throws IOException {
        String status = command(line);
        assertThat(status).as("reply to %s", line).startsWith("-ERR");
        return status;
    }

    /** Sends a command expecting a multi-line +OK response; returns its lines, un-stuffed, without the dot. */
    List<String> multi(String line) throws IOException {
        ok(line);
        return readBody();
    }

    /** The lines of a multi-line response up to its terminating dot. */
    List<String> readBody() throws IOException {
        var lines = new ArrayList<String>();
        for (byte[] raw : bodyLines()) lines.add(new String(raw, StandardCharsets.UTF_8));
        return lines;
    }

    /** Sends RETR or TOP; returns the message bytes exactly as un-stuffed, CRLFs included. */
    byte[] message(String line) throws IOException {
        ok(line);
        var bytes = new ByteArrayOutputStream();
        for (byte[] raw : bodyLines()) {
            bytes.write(raw);
            bytes.write('\r');
            bytes.write('\n');
        }
        return bytes.toByteArray();
    }

    private List<byte[]> bodyLines() throws IOException {
        var lines = new ArrayList<byte[]>();
        while (true) {
            byte[] raw = rawLine(true);
            if (raw == null) throw new IOException("connection closed inside a multi-line response");
            if (raw.length == 1 && raw[0] == '.') return lines;
            lines.add(raw.length > 0 && raw[0] == '.' ? Arrays.copyOfRange(raw, 1, raw.length) : raw);
        }
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** One line without its CRLF, or null when the server closed the connection. */
    String readLine() throws IOException {
        byte[] raw = rawLine(false);
        return raw == null ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /**
     * One line without its line end. With {@code strictCrlf} a bare LF is an error: the server must
     * send CRLF everywhere (RFC 1939 §3).
     */
    private byte[] rawLine(boolean strictCrlf) throws IOException {
        var buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = buf.toByteArray();
                boolean crlf = bytes.length > 0 && bytes[bytes.length - 1] == '\r';
                if (strictCrlf)
                    assertThat(crlf).as("line ends with CRLF: %s", buf).isTrue();
                return crlf ? Arrays.copyOf(bytes, bytes.length - 1) : bytes;
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toByteArray();
    }

    /** Whether the server closed the connection (reads end of stream). */
    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
