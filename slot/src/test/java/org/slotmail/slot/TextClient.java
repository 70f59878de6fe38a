package org.slotmail.slot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A line-at-a-time client for IMAP, POP3 and LMTP over a plain socket. */
public final class TextClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;

    public TextClient(InetSocketAddress address) throws IOException {
        socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(10_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }

    public String line() throws IOException {
        return in.readLine();
    }

    public void write(String line) throws IOException {
        socket.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** Sends a command and returns the first line of its answer that is not an untagged or continuation line. */
    public String command(String line) throws IOException {
        write(line);
        String answer;
        do {
            answer = in.readLine();
        } while (answer != null && (answer.startsWith("* ") || answer.matches("^\\d{3}-.*")));
        return answer;
    }

    /** Reads until the server closes the connection; returns the last line it sent, or null. */
    public String lastLineBeforeClose() throws IOException {
        String last = null;
        try {
            for (String line; (line = in.readLine()) != null; ) last = line;
        } catch (java.net.SocketException e) {
            // reset by the server: closed as well
        }
        return last;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
