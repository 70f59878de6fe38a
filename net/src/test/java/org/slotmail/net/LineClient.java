package org.slotmail.net;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A test client for line protocols that upgrades the way a mail client does: plain TCP, then TLS
 * (implicit or after STARTTLS) with host name verification, then raw DEFLATE with the JDK's own
 * Deflater and Inflater. Reads byte by byte, so it never swallows bytes meant for the next layer.
 */
final class LineClient implements AutoCloseable {
    private final Socket tcp;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long wireBytesRead;

    private LineClient(Socket tcp) throws IOException {
        this.tcp = tcp;
        this.socket = tcp;
        tcp.setSoTimeout(10_000);
        tcp.setTcpNoDelay(true);
        this.in = counted(tcp.getInputStream());
        this.out = tcp.getOutputStream();
    }

    static LineClient plain(InetSocketAddress server) throws IOException {
        return new LineClient(new Socket(server.getAddress(), server.getPort()));
    }

    /** Connects and handshakes at once, verifying that the certificate names {@code hostName}. */
    static LineClient implicitTls(InetSocketAddress server, SSLContext trust, String hostName) throws IOException {
        var client = plain(server);
        client.startTls(trust, hostName);
        return client;
    }

    /** Runs the client side of a TLS handshake over the connection, as after STARTTLS. */
    LineClient startTls(SSLContext trust, String hostName, String... protocols) throws IOException {
        var tls = (SSLSocket) trust.getSocketFactory().createSocket(socket, hostName, tcp.getPort(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (protocols.length > 0) parameters.setProtocols(protocols);
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        socket = tls;
        in = counted(tls.getInputStream());
        out = tls.getOutputStream();
        return this;
    }

    /** Compresses both directions from here on, as RFC 4978 clients do after the server's OK. */
    LineClient startCompression() {
        in = new InflaterInputStream(in, new Inflater(true));
        out = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true), true);
        return this;
    }

    SSLSocket tls() {
        return (SSLSocket) socket;
    }

    /** Bytes read off the TCP connection before inflating them; counted only while there is no TLS. */
    long wireBytesRead() {
        return wireBytesRead;
    }

    /** Sends raw bytes and flushes (with a compressing stream: a SYNC_FLUSH). */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(String line) throws IOException {
        write((line + "\r\n").getBytes(ISO_8859_1));
    }

    String exchange(String line) throws IOException {
        send(line);
        return readLine();
    }

    /** The next line without its CRLF, or null at the end of the stream. */
    String readLine() throws IOException {
        var line = new ByteArrayOutputStream();
        while (true) {
            int b;
            try {
                b = in.read();
            } catch (EOFException e) {
                return null; // An inflater meeting the end of the stream.
            }
            if (b < 0) return line.size() == 0 ? null : line.toString(ISO_8859_1);
            if (b == '\n') break;
            line.write(b);
        }
        String text = line.toString(ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    byte[] readBytes(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) throw new EOFException("got " + bytes.length + " of " + n + " bytes");
        return bytes;
    }

    private InputStream counted(InputStream raw) {
        if (socket != tcp) return raw; // The TLS socket reads the TCP stream itself, past any wrapper.
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) wireBytesRead++;
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) wireBytesRead += n;
                return n;
            }
        };
    }

    @Override
    public void close() throws IOException {
        tcp.close();
    }
}
