package org.slotmail.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Layers server-side TLS over a connected socket and completes the handshake before a deadline.
 * Only TLS 1.3 and 1.2 are offered: RFC 8996 retired 1.0 and 1.1, and RFC 8314 §4.1 asks mail
 * servers for 1.2 or later.
 */
final class ServerTlsHandshake {
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private ServerTlsHandshake() {}

    /**
     * Wraps {@code socket} (closing it when the TLS socket closes) and runs the handshake. A client
     * that trickles its handshake byte by byte would reset a per-read timeout forever, so the whole
     * handshake gets one deadline, after which the TCP socket is closed under it. On failure the socket is
     * closed and the exception thrown.
     */
    static SSLSocket perform(Socket socket, SSLContext context, Duration timeout) throws IOException {
        // This overload makes a server-mode socket; nothing was consumed from the stream before it.
        var tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, true);
        var done = new AtomicBoolean();
        Thread deadline = Thread.ofVirtual().name("tls-handshake-deadline").start(() -> {
            try {
                Thread.sleep(timeout);
            } catch (InterruptedException e) {
                return;
            }
            // The TCP socket, not the TLS one: closing it takes none of the TLS socket's locks,
            // which the handshaking thread may hold; its read then fails at once.
            if (done.compareAndSet(false, true)) closeQuietly(socket);
        });
        try {
            tls.setSSLParameters(serverParameters(tls));
            tls.startHandshake();
            if (!done.compareAndSet(false, true)) {
                throw new SocketTimeoutException("TLS handshake not finished within " + timeout);
            }
            return tls;
        } catch (IOException | RuntimeException e) {
            closeQuietly(tls);
            throw e;
        } finally {
            deadline.interrupt();
        }
    }

    private static SSLParameters serverParameters(SSLSocket tls) {
        SSLParameters parameters = tls.getSSLParameters();
        List<String> supported = Arrays.asList(tls.getSupportedProtocols());
        parameters.setProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        // The JDK's default suites are all acceptable; the server's order picks the strongest.
        parameters.setUseCipherSuitesOrder(true);
        return parameters;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
