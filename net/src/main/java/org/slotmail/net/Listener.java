package org.slotmail.net;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts TCP connections and serves each on its own virtual thread with a {@link
 * ConnectionHandler}: TCP_NODELAY on, the idle timeout as read timeout, connection limits in total
 * and per client address (over them the handler may send a refusal line). In implicit TLS mode
 * each connection's own thread completes the handshake before the handler sees it; a client that
 * fails or stalls the handshake is logged at DEBUG and closed without touching anyone else.
 * {@link #stop(Duration)}
 * stops accepting, lets connections busy with a command finish within a grace period, ends those
 * waiting for a command at once, and closes whatever is left when the grace period is over.
 */
public final class Listener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Listener.class);
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);
    private static final Duration AFTER_ABORT = Duration.ofSeconds(2);

    private final ListenerSettings settings;
    private final ConnectionHandler handler;
    private final ConnectionLimits limits;
    private final Map<Connection, Thread> running = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private ServerSocket serverSocket;
    private Thread acceptor;
    private volatile boolean stopping;

    public Listener(ListenerSettings settings, ConnectionHandler handler) {
        this.settings = settings;
        this.handler = handler;
        this.limits = new ConnectionLimits(settings.maxConnections(), settings.maxConnectionsPerAddress());
    }

    /** Binds and starts accepting; when this returns the port is bound and {@link #localAddress()} is known. */
    public void start() throws IOException {
        synchronized (lifecycle) {
            if (serverSocket != null) throw new IllegalStateException(settings.name() + " listener already started");
            var server = new ServerSocket();
            try {
                server.setReuseAddress(true);
                server.bind(settings.bind(), settings.backlog());
            } catch (IOException e) {
                server.close();
                throw new IOException("cannot listen on " + settings.bind() + " for " + settings.name(), e);
            }
            serverSocket = server;
            acceptor = Thread.ofVirtual().name(settings.name() + "-accept").start(this::acceptLoop);
        }
        log.atInfo()
                .setMessage("listening")
                .addKeyValue("listener", settings.name())
                .addKeyValue("address", localAddress())
                .log();
    }

    /** The bound address, with the real port when the settings asked for port 0. */
    public InetSocketAddress localAddress() {
        synchronized (lifecycle) {
            if (serverSocket == null) throw new IllegalStateException(settings.name() + " listener not started");
            return (InetSocketAddress) serverSocket.getLocalSocketAddress();
        }
    }

    public int port() {
        return localAddress().getPort();
    }

    /** Connections being served now (refused ones are not counted). */
    public int activeConnections() {
        return limits.total();
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (stopping) break;
                // E.g. out of file descriptors: back off a little instead of spinning.
                log.atWarn()
                        .setMessage("accept failed")
                        .addKeyValue("listener", settings.name())
                        .setCause(e)
                        .log();
                pause();
                continue;
            }
            admit(socket);
        }
    }

    private void admit(Socket socket) {
        Connection connection;
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(Math.toIntExact(settings.idleTimeout().toMillis()));
            connection = new Connection(socket, settings.bufferSize(), settings.handshakeTimeout());
        } catch (IOException e) {
            log.debug("{}: connection gone before it was served: {}", settings.name(), e.toString());
            closeQuietly(socket);
            return;
        }
        InetAddress client = socket.getInetAddress();
        Optional<Refusal> refusal = stopping ? Optional.of(Refusal.SHUTTING_DOWN) : limits.acquire(client);
        if (refusal.isPresent()) {
            Thread.ofVirtual().name(settings.name() + "-refuse").start(() -> refuse(connection, refusal.get()));
            return;
        }
        Thread thread = Thread.ofVirtual()
                .name(settings.name() + "-" + socket.getRemoteSocketAddress())
                .unstarted(() -> serve(connection, client));
        running.put(connection, thread);
        thread.start();
    }

    private void serve(Connection connection, InetAddress client) {
        try {
            if (!secure(connection)) return;
            handler.serve(connection);
        } catch (SSLException e) {
            log.debug("{}: TLS with {} failed: {}", settings.name(), client, e.toString());
        } catch (SocketTimeoutException e) {
            log.debug("{}: {} timed out", settings.name(), client);
        } catch (EOFException | SocketException e) {
            log.debug("{}: {} went away: {}", settings.name(), client, e.toString());
        } catch (IOException e) {
            log.debug("{}: I/O failure with {}: {}", settings.name(), client, e.toString());
        } catch (RuntimeException | Error e) {
            log.atError()
                    .setMessage("connection handler failed")
                    .addKeyValue("listener", settings.name())
                    .addKeyValue("client", client.getHostAddress())
                    .setCause(e)
                    .log();
        } finally {
            connection.close();
            running.remove(connection);
            limits.release(client);
        }
    }

    private void refuse(Connection connection, Refusal why) {
        log.atDebug()
                .setMessage("connection refused")
                .addKeyValue("listener", settings.name())
                .addKeyValue("client", connection.remoteAddress())
                .addKeyValue("reason", why)
                .log();
        try {
            // Over implicit TLS the refusal must be encrypted too, so the handshake comes first.
            if (secure(connection)) handler.refuse(connection, why);
        } catch (IOException e) {
            log.debug("{}: refusal not delivered: {}", settings.name(), e.toString());
        } catch (RuntimeException e) {
            log.atError().setMessage("refusal handler failed").setCause(e).log();
        } finally {
            connection.close();
        }
    }

    /**
     * Completes the TLS handshake of an implicit-TLS connection (on the connection's own thread: a
     * slow client must not hold up the accept loop). False when it failed: the client sent something
     * that is not TLS, offered nothing we accept, or was too slow; that is the client's doing, so it
     * is logged at DEBUG and the connection closed.
     */
    private boolean secure(Connection connection) {
        if (!(settings.tls() instanceof TlsMode.Implicit(var context))) return true;
        try {
            connection.secure(context);
        } catch (IOException e) {
            log.atDebug()
                    .setMessage("TLS handshake failed")
                    .addKeyValue("listener", settings.name())
                    .addKeyValue("client", connection.remoteAddress())
                    .addKeyValue("error", e.toString())
                    .log();
            return false;
        }
        log.atDebug()
                .setMessage("TLS established")
                .addKeyValue("listener", settings.name())
                .addKeyValue("client", connection.remoteAddress())
                .addKeyValue("tls", connection.tls().orElseThrow())
                .log();
        return true;
    }

    /**
     * Stops accepting, asks every connection to stop, waits up to {@code grace} for them to end, then
     * closes the rest and waits briefly for their threads. Calling it again does nothing.
     */
    public void stop(Duration grace) {
        synchronized (lifecycle) {
            if (stopping || serverSocket == null) return;
            stopping = true;
            closeQuietly(serverSocket);
        }
        // Once the acceptor is gone no connection can be added behind our back.
        join(acceptor, System.nanoTime() + AFTER_ABORT.toNanos());
        running.keySet().forEach(Connection::requestStop);
        long deadline = System.nanoTime() + grace.toNanos();
        joinAll(deadline);
        if (!running.isEmpty()) {
            log.atInfo()
                    .setMessage("closing connections still open after the grace period")
                    .addKeyValue("listener", settings.name())
                    .addKeyValue("connections", running.size())
                    .log();
            running.keySet().forEach(Connection::abort);
            joinAll(System.nanoTime() + AFTER_ABORT.toNanos());
        }
        log.atInfo()
                .setMessage("stopped")
                .addKeyValue("listener", settings.name())
                .log();
    }

    /** Stops with a 10 second grace period. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    private void joinAll(long deadline) {
        for (Thread thread : running.values()) {
            if (!join(thread, deadline)) return;
        }
    }

    /** Waits for a thread until the deadline; false when interrupted. */
    private static boolean join(Thread thread, long deadline) {
        try {
            long left = deadline - System.nanoTime();
            if (left > 0) thread.join(Duration.ofNanos(left));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort here.
        }
    }
}
