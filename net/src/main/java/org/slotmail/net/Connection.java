package org.slotmail.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/**
 * One accepted client connection: its buffered line reader and batch writer, its addresses, and
 * whether its listener is stopping. Used by the connection's own thread only, except for {@link
 * #requestStop()} and {@link #abort()} which the listener calls while stopping.
 */
public final class Connection {
    private final Socket socket;
    private final LineWriter out;
    private final LineReader in;
    private final Object stopLock = new Object();
    private boolean stopping;
    private boolean awaitingCommand;

    Connection(Socket socket, int bufferSize) throws IOException {
        this.socket = socket;
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
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Changes how long a read may wait for the client before it throws SocketTimeoutException. */
    public void idleTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
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
        try {
            if (!socket.isInputShutdown() && !socket.isClosed()) socket.shutdownInput();
        } catch (IOException e) {
            // The socket is going away anyway; the reader sees that.
        }
    }

    Socket socket() {
        return socket;
    }

    /** Sends what is still buffered, then closes; failures to send are the client's and ignored. */
    void close() {
        try (socket) {
            out.flush();
        } catch (IOException e) {
            // Already gone; nothing to tell the client.
        }
    }

    /** Closes the socket from another thread: blocked reads and writes fail at once. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
