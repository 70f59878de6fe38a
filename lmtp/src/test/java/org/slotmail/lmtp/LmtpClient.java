package org.slotmail.lmtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** A plain socket client that speaks LMTP line by line, checking that every reply line ends in CRLF. */
final class LmtpClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    LmtpClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(15_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Sends bytes exactly as given, in one write. */
    void write(String raw) throws IOException {
        write(raw.getBytes(ISO_8859_1));
    }

    void write(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** One reply line without its CRLF; null when the server closed the connection. */
    String line() throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) return line.size() == 0 ? null : line.toString(ISO_8859_1);
            line.write(b);
        }
        String text = line.toString(ISO_8859_1);
        assertThat(text).as("reply line ends in CRLF").endsWith("\r");
        return text.substring(0, text.length() - 1);
    }

    /** A whole reply, multi-line ones included. */
    List<String> reply() throws IOException {
        var lines = new ArrayList<String>();
        String line;
        do {
            line = line();
            if (line == null) throw new IOException("connection closed, got " + lines);
            lines.add(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return lines;
    }

    /** Sends one command and returns its (last) reply line. */
    String send(String command) throws IOException {
        write(command + "\r\n");
        return reply().getLast();
    }

    /** Reads the greeting and says LHLO. */
    LmtpClient greet() throws IOException {
        assertThat(line()).startsWith("220 ");
        assertThat(send("LHLO mta.example.net")).startsWith("250 ");
        return this;
    }

    boolean closedByServer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
