package org.slotmail.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One accepted client connection: its buffered line reader and batch writer, its addresses, whether
 * it is secured by TLS or compressed, and whether its listener is stopping. Used by the connection's
 * own thread only, except for {@link #requestStop()} and {@link #abort()} which the listener calls
 * while stopping.
 *
 * <p>The streams under the reader and writer change as the connection is upgraded: TCP, then
 * optionally TLS (implicit or STARTTLS), then optionally DEFLATE above whichever is in place (RFC
 * 4978 §3: compression goes on top of TLS, never under it).
 */
public final class Connection {
    private final Socket tcp;
    private final int bufferSize;
    private final Duration handshakeTimeout;
    private final LineWriter out;
    private final LineReader in;
    private final Object stopLock = new Object();
    // The top socket: the TCP one, or the TLS socket layered over it. Read by the listener's stats
    // and tests from other threads, hence volatile; only the connection's thread changes it.
    private volatile Socket socket;
    private Optional<NegotiatedTls> tls = Optional.empty();
    private Deflater deflater;
    private Inflater inflater;
    private boolean stopping;
    private boolean awaitingCommand;

    Connection(Socket socket, int bufferSize, Duration handshakeTimeout) throws IOException {
        this.tcp = socket;
        this.socket = socket;
        this.bufferSize = bufferSize;
        this.handshakeTimeout = handshakeTimeout;
        this.out = new LineWriter(socket.getOutputStream(), bufferSize);
        this.in = new LineReader(socket.getInputStream(), bufferSize, out);
    }

    public LineReader in() {
        return in;
    }

    public LineWriter out() {
        return out;
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) tcp.getRemoteSocketAddress();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) tcp.getLocalSocketAddress();
    }

    /** Changes how long a read may wait for the client before it throws SocketTimeoutException. */
    public void idleTimeout(Duration timeout) throws SocketException {
        tcp.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
    }

    /**
     * Sends {@code goAhead} (the protocol's "begin TLS now" reply: IMAP's tagged OK, POP3's +OK) and
     * any replies still queued, then runs the server side of a TLS handshake on this connection
     * (STARTTLS: RFC 3207, RFC 9051 §6.2.1, RFC 2595). When it returns, the reader and writer speak
     * TLS.
     *
     * <p>The check comes first and nothing is sent when it fails: if the client already sent bytes
     * after its STARTTLS command they sit in the reader's buffer, and reading them after the
     * handshake would run plain-text commands an attacker injected as if they were protected
     * (CVE-2011-0411). The protocol turns the {@link IllegalStateException} into its error reply and
     * stays in plain text.
     *
     * @throws IllegalStateException the client sent more after its command, TLS is already on, or
     *     compression is (TLS cannot go under it); nothing was sent
     * @throws IOException the handshake failed or timed out; the connection is closed and done
     */
    public void startTls(SSLContext context, String goAhead) throws IOException {
        if (isSecure()) throw new IllegalStateException("TLS is already active");
        // RFC 4978 §3 would put TLS below running compression; IMAP never asks, since STARTTLS comes
        // only before login and COMPRESS only after it, so that layering is refused, not built.
        if (isCompressed()) throw new IllegalStateException("TLS cannot start under compression");
        requireNothingBuffered("STARTTLS");
        out.line(goAhead);
        secure(context);
    }

    /**
     * Runs the TLS handshake at once, for a listener in implicit TLS mode; nothing is sent first.
     * Also the second half of {@link #startTls}.
     */
    void secure(SSLContext context) throws IOException {
        out.flush();
        SSLSocket secured = ServerTlsHandshake.perform(socket, context, handshakeTimeout);
        SSLSession session = secured.getSession();
        in.switchSource(secured.getInputStream());
        out.switchSink(secured.getOutputStream());
        socket = secured;
        tls = Optional.of(new NegotiatedTls(session.getProtocol(), session.getCipherSuite()));
    }

    /** Whether a TLS handshake finished on this connection. */
    public boolean isSecure() {
        return tls.isPresent();
    }

    /** The TLS protocol version and cipher suite, once secure; for logs and protocol decisions. */
    public Optional<NegotiatedTls> tls() {
        return tls;
    }

    /**
     * The TLS session, once secure: for protocols that bind their own authentication to it (the
     * sync protocol's handshake covers RFC 5705 keying material exported from it).
     */
    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket secured && isSecure() ? Optional.of(secured.getSession()) : Optional.empty();
    }

    /**
     * Sends {@code goAhead} (IMAP's tagged OK to COMPRESS DEFLATE) and any replies still queued, then
     * compresses both directions with raw DEFLATE (RFC 4978), above TLS when TLS is on. Every later
     * {@link LineWriter#flush()} ends with a deflate SYNC_FLUSH, so each batch of replies reaches the
     * client whole instead of waiting in the compressor for more. The go-ahead itself goes out
     * uncompressed: RFC 4978 §3 starts compression right after the CRLF of the tagged OK.
     *
     * <p>As with {@link #startTls}, the client must not have sent anything after its command (RFC
     * 4978 §3: it MUST wait for the result): those bytes were not compressed, and inflating them
     * would garble them.
     *
     * @throws IllegalStateException the client sent more after its command, or compression is
     *     already on; nothing was sent
     */
    public void startCompression(String goAhead) throws IOException {
        if (isCompressed()) throw new IllegalStateException("compression is already active");
        requireNothingBuffered("COMPRESS");
        out.line(goAhead);
        out.flush();
        // zlib's cheapest level already shrinks IMAP responses to 25-40% (RFC 4978 §4); a server
        // compressing for many clients spends its CPU better elsewhere.
        var deflate = new Deflater(Deflater.BEST_SPEED, true);
        var inflate = new Inflater(true);
        in.switchSource(new InflatingInput(socket.getInputStream(), inflate, bufferSize));
        out.switchSink(new DeflaterOutputStream(socket.getOutputStream(), deflate, bufferSize, true));
        deflater = deflate;
        inflater = inflate;
    }

    /** Whether COMPRESS=DEFLATE is on. */
    public boolean isCompressed() {
        return deflater != null;
    }

    private void requireNothingBuffered(String command) {
        int pending = in.buffered();
        if (pending > 0) {
            throw new IllegalStateException(
                    "client sent " + pending + " bytes after " + command + " before the server's reply");
        }
    }

    /** Whether the listener is stopping: the protocol should finish what it does and say goodbye. */
    public boolean stopping() {
        synchronized (stopLock) {
            return stopping;
        }
    }

    /**
     * Tells the listener whether the protocol is between commands, waiting for the next one. A stop
     * ends such a wait at once (the read sees end of stream and {@link #stopping()} is true) rather
     * than holding the listener for its whole grace period; a connection in the middle of a command
     * is left to finish it.
     */
    public void awaitingCommand(boolean waiting) {
        synchronized (stopLock) {
            awaitingCommand = waiting;
            if (waiting && stopping) shutdownInput();
        }
    }

    void requestStop() {
        synchronized (stopLock) {
            stopping = true;
            if (awaitingCommand) shutdownInput();
        }
    }

    private void shutdownInput() {
        // On the TCP socket even under TLS: the TLS layer then reads a plain end of stream, and
        // with no close_notify required (the JDK's default) reports it as -1, as TCP does.
        try {
            if (!tcp.isInputShutdown() && !tcp.isClosed()) tcp.shutdownInput();
        } catch (IOException e) {
            // The socket is going away anyway; the reader sees that.
        }
    }

    Socket socket() {
        return socket;
    }

    /** Sends what is still buffered, then closes; failures to send are the client's and ignored. */
    void close() {
        try (var _ = tcp;
                var _ = socket) {
            out.flush();
        } catch (IOException e) {
            // Already gone; nothing to tell the client.
        } finally {
            // zlib's memory is native; give it back now rather than when the GC gets to it.
            if (deflater != null) deflater.end();
            if (inflater != null) inflater.end();
        }
    }

    /** Closes the socket from another thread: blocked reads and writes fail at once. */
    void abort() {
        try {
            tcp.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
